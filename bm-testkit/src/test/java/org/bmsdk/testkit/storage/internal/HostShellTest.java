package org.bmsdk.testkit.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The simulated host's shell: the driver's lines, bash's answers, and no crash on any input. */
class HostShellTest {

    private final MemoryFiles files = new MemoryFiles();
    private final TgtState tgt = new TgtState();
    private final HostFaultPlan faults = new HostFaultPlan();

    private HostShell.Result run(String line) {
        return new HostShell(files, tgt, 0, faults).run(line);
    }

    @Test
    void createsAVolumeFileOnceAndListsIt() {
        String create = "mkdir -p '/srv/v' && set -C && : > '/srv/v/a.vol' && truncate -s 1048576 '/srv/v/a.vol'";
        assertEquals(new HostShell.Result("", "", 0), run(create));
        HostShell.Result again = run(create);
        assertEquals(1, again.status());
        assertEquals("bash: line 1: /srv/v/a.vol: cannot overwrite existing file\n", again.stderr());
        assertEquals(1048576L, files.isFile("/srv/v/a.vol") ? 1048576L : -1L);

        HostShell.Result list = run("mkdir -p '/srv/v' && cd '/srv/v' && find . -maxdepth 1 -type f \\( -name '*.vol' -o -name "
                + "'*.shared-vol' \\) -printf '%f %s\\n'");
        assertEquals(new HostShell.Result("a.vol 1048576\n", "", 0), list);

        HostShell.Result find = run("cd '/srv/v' 2>/dev/null || exit 0; for f in 'a.vol' 'a.shared-vol'; do if [ -f \"$f\" ]; "
                + "then stat -c '%n %s' \"$f\"; fi; done");
        assertEquals(new HostShell.Result("a.vol 1048576\n", "", 0), find);
        assertEquals(new HostShell.Result("", "", 0), run("cd '/nowhere' 2>/dev/null || exit 0; echo never"));

        assertEquals(0, run("rm -f '/srv/v/a.vol' '/srv/v/a.shared-vol'").status());
        assertEquals(new HostShell.Result("", "", 0), run(find.stdout().isEmpty() ? "true" : "cd '/srv/v' && find . -maxdepth 1 "
                + "-type f -printf '%f %s\\n'"));
    }

    @Test
    void tgtadmAnswersAsTgt() {
        HostShell.Result wrongPort = run("'tgtadm' '-C' '5' '--lld' 'iscsi' '--mode' 'target' '--op' 'show'");
        assertEquals(107, wrongPort.status());
        assertTrue(wrongPort.stderr().startsWith("tgtadm: can't send the request to the tgt daemon"));
        assertEquals(0, run("tgtadm --lld iscsi --mode target --op new --tid 1 --targetname iqn.2024-01.x:a").status());
        assertEquals(new HostShell.Result("", "tgtadm: can't find the target\n", 22),
                run("tgtadm --lld iscsi --mode target --op bind --tid 2 --initiator-name iqn.2024-01.x:n"));
        assertEquals(new HostShell.Result("", "tgtadm: invalid request\n", 22),
                run("tgtadm --lld iscsi --mode logicalunit --op new --tid 1 --lun 1 --backing-store /missing --bstype rdwr"));
        assertEquals(new HostShell.Result("", "tgtadm: unknown mode: bogus\n", 1), run("tgtadm --lld iscsi --mode bogus --op show"));
        assertEquals(new HostShell.Result("", "bash: line 1: iscsiadm: command not found\n", 127), run("iscsiadm -m session"));
    }

    @Test
    void aPlannedFailureReplacesTheCommandOnce() {
        faults.failNext("tgtadm --lld iscsi --mode target --op new", "tgtadm: out of memory", 12);
        String line = "'tgtadm' '-C' '0' '--lld' 'iscsi' '--mode' 'target' '--op' 'new' '--tid' '1' '--targetname' 'iqn.2024-01.x:a'";
        assertEquals(new HostShell.Result("", "tgtadm: out of memory\n", 12), run(line));
        assertEquals(0, run(line).status());
    }

    @Test
    void secretsAreRedactedFromTheCommandLog() {
        assertEquals("'tgtadm' '--mode' 'account' '--op' 'new' '--user' 'u' '--password' ****",
                StorageSshServer.redact("'tgtadm' '--mode' 'account' '--op' 'new' '--user' 'u' '--password' 'it'\\''s-secret'"));
        assertEquals("tgtadm --user u --password ****", StorageSshServer.redact("tgtadm --user u --password hunter2hunter2"));
        assertEquals("tgtadm -m account -o new -u u -p ****", StorageSshServer.redact("tgtadm -m account -o new -u u -p hunter2hunter2"));
        assertEquals("mkdir -p '/srv/v' && set -C", StorageSshServer.redact("mkdir -p '/srv/v' && set -C"));
    }

    @Property(tries = 2000)
    void anyLineEndsWithAStatusAndNeverThrows(@ForAll @StringLength(max = 80) String line) {
        HostShell.Result r = run(line);
        assertTrue(r.status() >= 0 && r.status() <= 255, r.toString());
    }

    @Property(tries = 1000)
    void anyMixOfTheGrammarsTokensEndsWithAStatus(@ForAll("fragments") String line) {
        HostShell.Result r = run(line);
        assertTrue(r.status() >= 0 && r.status() <= 255, r.toString());
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> fragments() {
        return net.jqwik.api.Arbitraries.of("for", "f", "in", "do", "done", "if", "then", "else", "fi", ";", "&&", "||", "[",
                "]", "-f", "\"$f\"", "'x'", ":", ">", "2>/dev/null", "/tmp/a", "mkdir", "-p", "cd", "exit", "0", "set", "-C",
                "truncate", "-s", "5", "rm", "stat", "-c", "'%n %s'", "find", ".", "-name", "'*'", "-printf", "tgtadm", "--op",
                "show", "--mode", "target", "--lld", "iscsi", "\\(", "\\)", "$?")
                .list().ofMaxSize(14).map(l -> String.join(" ", l));
    }
}
