package org.bmsdk.storage.iscsi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.ssh.SshConnection;

/** Target names derived from volume ids: legal IQNs (RFC 3720's characters), stable, and never shared by two ids. */
class TargetIqnPropertiesTest {

    /** A connection that must not be used: deriving a name sends nothing. */
    private static final SshConnection UNUSED = (SshConnection) Proxy.newProxyInstance(
            SshConnection.class.getClassLoader(), new Class<?>[] {SshConnection.class}, (p, m, a) -> {
                throw new AssertionError("no command expected, but " + m.getName() + " was called");
            });
    private static final TgtStorage STORAGE = TgtStorage.builder(UNUSED).directory("/srv/volumes").portal("10.0.0.5:3260")
            .iqnPrefix("iqn.2024-01.com.example").chapKey(Secret.of("0123456789abcdef")).build();

    @Example
    void plainIdsAreKeptAndOthersGetAHash() {
        assertEquals("iqn.2024-01.com.example:data-1", STORAGE.targetIqn("data-1"));
        assertTrue(STORAGE.targetIqn("Vol_1").matches("iqn\\.2024-01\\.com\\.example:vol-1\\.[0-9a-f]{8}"));
        assertNotEquals(STORAGE.targetIqn("Vol_1"), STORAGE.targetIqn("vol-1"));
    }

    @Property
    void namesAreLegalStableAndDistinct(@ForAll("ids") String a, @ForAll("ids") String b) {
        String iqn = STORAGE.targetIqn(a);
        assertTrue(iqn.matches("iqn\\.2024-01\\.com\\.example:[a-z0-9.-]+") && iqn.length() <= 223, iqn);
        assertEquals(iqn, STORAGE.targetIqn(a));
        assertEquals(a.equals(b), iqn.equals(STORAGE.targetIqn(b)), a + " / " + b);
    }

    @Provide
    Arbitrary<String> ids() {
        Arbitrary<String> any = Arbitraries.strings().withChars("AaBb01._-").ofMinLength(1).ofMaxLength(6)
                .map(s -> "v" + s);
        return Arbitraries.oneOf(any, Arbitraries.of("x", "X", "x_", "x-", "Vol_1", "vol-1"));
    }
}
