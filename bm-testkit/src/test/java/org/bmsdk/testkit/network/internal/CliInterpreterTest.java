package org.bmsdk.testkit.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.VlanId;
import org.junit.jupiter.api.Test;

class CliInterpreterTest {

    private static final List<String> IOS_PORTS = List.of("GigabitEthernet1/0/1", "GigabitEthernet1/0/2");

    private final SwitchState ios = SwitchState.create("cisco_ios", "sw-0", IOS_PORTS);
    private final CliInterpreter cli = new CliInterpreter(ios, null);

    private String run(String line) {
        CliInterpreter.Reply r = cli.execute(line);
        assertNull(r.error(), () -> line + " -> " + r.output());
        return r.output();
    }

    @Test
    void abbreviatedCommandsWalkTheModesWithTheirPrompts() {
        assertEquals("sw-0#", cli.prompt());
        run("conf t");
        assertEquals("sw-0(config)#", cli.prompt());
        run("int gi1/0/1");
        assertEquals("sw-0(config-if)#", cli.prompt());
        run("sw mo acc");
        run("switchport access vlan 100");
        run("vlan 100");
        assertEquals("sw-0(config-vlan)#", cli.prompt());
        run("name tenant-a");
        run("end");
        assertEquals("sw-0#", cli.prompt());
        PortState p = ios.running(SwitchModel::view).port("GigabitEthernet1/0/1").orElseThrow();
        assertEquals(VlanId.of(100), p.accessVlan());
        assertEquals("tenant-a", ios.running(SwitchModel::vlanNames).get(100));
        assertTrue(run("show running-config").contains("interface GigabitEthernet1/0/1\n switchport access vlan 100\n"));
    }

    @Test
    void invalidInputIsMarkedWithACaretUnderTheBadWord() {
        run("configure terminal");
        CliInterpreter.Reply r = cli.execute("vlan 5000");
        assertEquals("% Invalid input detected at '^' marker.", r.error());
        // "sw-0(config)#" is 13 characters, and "5000" starts 5 characters into the line.
        assertEquals(" ".repeat(13 + 5) + "^\n% Invalid input detected at '^' marker.", r.output());
        assertEquals("% Incomplete command.", cli.execute("interface").error());
        assertEquals("% Default VLAN 1 may not be deleted.", cli.execute("no vlan 1").error());
        assertEquals("% Invalid input detected at '^' marker.", cli.execute("interface Gi9/9/9").error());
    }

    @Test
    void trunkListsAddAndRemove() {
        run("configure terminal");
        run("interface GigabitEthernet1/0/2");
        run("switchport mode trunk");
        run("switchport trunk native vlan 10");
        run("switchport trunk allowed vlan 10,20-22");
        run("switchport trunk allowed vlan add 30");
        run("switchport trunk allowed vlan remove 21");
        PortState p = ios.running(SwitchModel::view).port("GigabitEthernet1/0/2").orElseThrow();
        assertEquals(PortState.Mode.TRUNK, p.mode());
        assertEquals(VlanId.of(10), p.nativeVlan());
        assertEquals(Set.of(VlanId.of(10), VlanId.of(20), VlanId.of(22), VlanId.of(30)), p.allowedVlans());
    }

    @Test
    void eosPromptsNameTheInterfaceAndVlan() {
        SwitchState eos = SwitchState.create("arista_eos", "leaf1", List.of("Ethernet1", "Ethernet2"));
        CliInterpreter c = new CliInterpreter(eos, null);
        c.execute("configure");
        c.execute("interface Et2");
        assertEquals("leaf1(config-if-Et2)#", c.prompt());
        c.execute("vlan 42");
        assertEquals("leaf1(config-vlan-42)#", c.prompt());
        assertEquals("% Invalid input", c.execute("bogus").error());
    }

    @Test
    void enableAsksItsSecretAndSavingCopiesTheRunningConfig() {
        CliInterpreter c = new CliInterpreter(ios, "s3cret");
        assertEquals("sw-0>", c.prompt());
        assertEquals("% Invalid input detected at '^' marker.", c.execute("configure terminal").error());
        c.execute("enable");
        assertEquals("Password: ", c.prompt());
        c.execute("s3cret");
        assertEquals("sw-0#", c.prompt());
        c.execute("conf t");
        c.execute("vlan 7");
        c.execute("end");
        assertTrue(!ios.saved(SwitchModel::view).vlans().contains(VlanId.of(7)));
        assertEquals("Building configuration...\n[OK]", c.execute("write memory").output());
        assertTrue(ios.saved(SwitchModel::view).vlans().contains(VlanId.of(7)));
    }
}
