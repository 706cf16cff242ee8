package org.bmsdk.storage.iscsi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShellTest {

    @Test
    void wordsAreQuotedForShAndSecretsShowAsStars() {
        Shell s = Shell.of("tgtadm", "--mode", "account").arg("--user").arg("it's").arg("--password").secretArg("p4ss");
        assertEquals("'tgtadm' '--mode' 'account' '--user' 'it'\\''s' '--password' 'p4ss'", s.line());
        assertEquals("tgtadm --mode account --user it's --password ****", s.toString());
    }
}
