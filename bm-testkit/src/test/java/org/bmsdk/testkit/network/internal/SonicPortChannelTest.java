package org.bmsdk.testkit.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bmsdk.api.network.SwitchConfig;
import org.junit.jupiter.api.Test;

/** The simulated SONiC switch's PortChannels: click's refusals, and {@code show interfaces portchannel}. */
class SonicPortChannelTest {

    private static String ok(SonicInterpreter sh, String line) {
        CliInterpreter.Reply r = sh.execute(line);
        assertNull(r.error(), () -> line + " -> " + r.output());
        return r.output();
    }

    @Test
    void portChannelsRefuseWhatSonicRefuses() {
        SwitchState s = SwitchState.create("sonic", "leaf1", List.of("Ethernet0", "Ethernet4", "Ethernet8"));
        SonicInterpreter sh = new SonicInterpreter(s, "admin", "pw");
        ok(sh, "sudo su");
        ok(sh, "pw");
        assertEquals("Error: Po10 is invalid!, name should have prefix 'PortChannel' and suffix '<0-9999>'",
                sh.execute("config portchannel add Po10").error());
        assertEquals("Error: PortChannel10 is not present.", sh.execute("config portchannel member add PortChannel10 Ethernet0").error());
        ok(sh, "config portchannel add PortChannel10");
        assertEquals("Error: PortChannel10 already exists!", sh.execute("config portchannel add PortChannel10").error());
        // a port in a VLAN (every port starts untagged in Vlan1) cannot join
        assertEquals("Error: Ethernet0 has vlan Vlan1 configured, remove vlan membership to proceed",
                sh.execute("config portchannel member add PortChannel10 Ethernet0").error());
        ok(sh, "config vlan member del 1 Ethernet0");
        ok(sh, "config portchannel member add PortChannel10 Ethernet0");
        assertEquals("Error: Ethernet0 is part of portchannel!", sh.execute("config vlan member add 1 Ethernet0").error());
        ok(sh, "config vlan add 100");
        ok(sh, "config vlan member add 100 PortChannel10");

        String table = ok(sh, "show interfaces portchannel");
        assertTrue(table.contains(" 0010  PortChannel10  LACP(A)(Up)  Ethernet0(S)"), table);
        assertTrue(ok(sh, "show vlan config").contains("Vlan100     100  PortChannel10 tagged"), "the PortChannel carries the VLAN");
        SwitchConfig view = s.running(SwitchModel::view);
        assertEquals(List.of("Ethernet0"), view.lagMembers("PortChannel10"));

        assertEquals("Error: Portchannel PortChannel10 contains members. Remove members before deleting Portchannel!",
                sh.execute("config portchannel del PortChannel10").error());
        ok(sh, "config portchannel member del PortChannel10 Ethernet0");
        assertEquals("Error: Ethernet0 is not a member of portchannel PortChannel10",
                sh.execute("config portchannel member del PortChannel10 Ethernet0").error());
        assertEquals("Error: PortChannel10 has vlan configured, remove vlan membership to proceed",
                sh.execute("config portchannel del PortChannel10").error());
        ok(sh, "config vlan member del 100 PortChannel10");
        ok(sh, "config portchannel del PortChannel10");
        assertFalse(s.running(SwitchModel::view).ports().containsKey("PortChannel10"));
    }
}
