package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.ssh.ExecResult;
import org.junit.jupiter.api.Test;

/** The command lines, as a reader of networking-generic-switch's ovs device would expect them. */
class OvsCommandsTest {

    private final OvsCommands c = new OvsCommands(Duration.ofMillis(2500));

    @Test
    void oneTransactionPerOperationWithTheTimeoutInWholeSeconds() {
        assertEquals("ovs-vsctl --timeout=3 -- set port 'p1' vlan_mode=access tag=100 -- clear port 'p1' trunks",
                c.access("p1", VlanId.of(100)));
        assertEquals("ovs-vsctl --timeout=3 -- set port 'p1' vlan_mode=native-untagged tag=10 trunks=20,21,4095",
                c.trunk("p1", VlanId.of(10), Set.of(VlanId.of(21), VlanId.of(20))));
        assertEquals("ovs-vsctl --timeout=3 -- set port 'p1' vlan_mode=trunk trunks=4095 -- clear port 'p1' tag",
                c.trunk("p1", null, Set.of()));
        assertEquals("ovs-vsctl --timeout=3 -- add port 'p1' trunks 30 4095", c.addTrunkVlan("p1", VlanId.of(30)));
        assertEquals("ovs-vsctl --timeout=3 -- add port 'p1' trunks 4095 -- remove port 'p1' trunks 30",
                c.removeTrunkVlan("p1", VlanId.of(30)));
    }

    @Test
    void idleShutsThePortBeforeItMovesIt() {
        String idle = c.idle("eth-1/2", VlanId.of(999));
        assertEquals("br=$(ovs-vsctl --timeout=3 port-to-br 'eth-1/2')"
                + " && ovs-ofctl --timeout=3 mod-port \"$br\" 'eth-1/2' down"
                + " && ovs-ofctl --timeout=3 mod-port \"$br\" 'eth-1/2' no-forward"
                + " && ovs-ofctl --timeout=3 mod-port \"$br\" 'eth-1/2' no-receive"
                + " && ovs-vsctl --timeout=3 -- set port 'eth-1/2' vlan_mode=access tag=999 -- clear port 'eth-1/2' trunks", idle);
    }

    @Test
    void portNamesThatAShellWouldReadAsMoreAreRefused() {
        for (String bad : new String[] {"p1;reboot", "p1 p2", "'p1'", "$(id)", "-p1", "", "p1\n"}) {
            assertThrows(IllegalArgumentException.class, () -> c.access(bad, VlanId.of(5)), bad);
        }
    }

    @Test
    void theErrorLineIsOvssOwnAndItsAlarmIsATimeout() {
        ExecResult missing = new ExecResult(1, "", "ovs-vsctl: no row \"p9\" in table Port\n");
        assertEquals("ovs-vsctl: no row \"p9\" in table Port", OvsSwitchSession.errorLine(missing));
        assertFalse(OvsSwitchSession.timedOut(missing));
        ExecResult logged = new ExecResult(1, "", "2026-11-26T11:32:23Z|00001|reconnect|WARN|unix:/x/db.sock: connection attempt failed\n"
                + "ovs-vsctl: unix:/x/db.sock: database connection failed (No such file or directory)\n");
        assertEquals("ovs-vsctl: unix:/x/db.sock: database connection failed (No such file or directory)",
                OvsSwitchSession.errorLine(logged));
        ExecResult alarm = new ExecResult(-1, "", "2026-11-26T11:32:23Z|00002|fatal_signal|WARN|terminating with signal 14 (Alarm clock)\n");
        assertTrue(OvsSwitchSession.timedOut(alarm));
        assertTrue(OvsSwitchSession.timedOut(new ExecResult(142, "", "")));
        assertEquals("exit status 3", OvsSwitchSession.errorLine(new ExecResult(3, "", "")));
    }
}
