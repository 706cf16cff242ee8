package org.bmsdk.testkit.network.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.api.network.Vni;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SimulatedSwitches;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * netmiko, with its own {@code juniper_junos} and {@code dell_os10} device types, configures on the
 * simulated switches the ACLs and VNI maps in the form bm-sdk's drivers write them (a Junos port
 * filter with its ARP term, bound with {@code filter input}; an OS10 virtual network numbered as its
 * VLAN), sees the switch refuse what it must, and reads them back: the switch holds what the drivers
 * read back as the ACL and the map.
 */
@Tag("interop")
class NetmikoAclVxlanInteropTest {

    private static final Acl SSH = new Acl("web", List.of(AclRule.tcp(AclRule.Direction.INGRESS, 22, "10.0.0.0/8"),
            new AclRule(AclRule.Direction.EGRESS, AclRule.Protocol.UDP, 53, 53, "192.0.2.53/32")));

    @BeforeAll
    static void peers() {
        Netmiko.require();
    }

    @Test
    void netmikoSetsAJunosPortFilterAndAVniAndReadsThemBack() {
        try (SimulatedSwitches lab = SimulatedSwitches.start(SwitchSpec.builder("tor-1", SwitchDialect.JUNIPER_JUNOS).build())) {
            SimulatedSwitch sw = lab.get("tor-1");
            String f = "set firewall family ethernet-switching filter web term ";
            List<JsonNode> r = Netmiko.run(sw, null,
                    "config:" + f + "t1 from ip-protocol tcp|" + f + "t1 from ip-destination-address 10.0.0.0/8|" + f
                            + "t1 from source-port 22|" + f + "t1 then accept|" + f + "t2 from ip-protocol udp|" + f
                            + "t2 from ip-destination-address 192.0.2.53/32|" + f + "t2 from destination-port 53|" + f
                            + "t2 then accept|" + f + "arp from ether-type arp|" + f + "arp then accept"
                            + "|set interfaces ge-0/0/1 unit 0 family ethernet-switching filter input web"
                            + "|set vlans tenant-a vlan-id 100|set vlans tenant-a vxlan vni 10100",
                    "config:" + f + "t3 from ip-destination-address 10.0.0.0/33",
                    "commit",
                    "show:show configuration | display set");

            SwitchConfig c = sw.runningConfig();
            assertEquals(SSH, c.acl("web").orElseThrow());
            assertEquals("web", c.port("ge-0/0/1").orElseThrow().acl());
            assertEquals(Map.of(Vni.of(10100), VlanId.of(100)), c.vniToVlan());
            assertTrue(r.get(1).get("output").asText().contains("syntax error"), r.get(1).toString());
            String shown = r.get(3).get("output").asText();
            assertTrue(shown.contains("set interfaces ge-0/0/1 unit 0 family ethernet-switching filter input web")
                    && shown.contains(f + "arp from ether-type arp") && shown.contains(f + "t2 from destination-port 53")
                    && shown.contains("set vlans tenant-a vxlan vni 10100"), shown);
        }
    }

    @Test
    void netmikoMapsAVniThroughAnOs10VirtualNetworkAndReadsItBack() {
        try (SimulatedSwitches lab = SimulatedSwitches.start(SwitchSpec.builder("tor-1", SwitchDialect.DELL_OS10).build())) {
            SimulatedSwitch sw = lab.get("tor-1");
            List<JsonNode> r = Netmiko.run(sw, null,
                    "config:interface vlan 100|exit|virtual-network 100|vxlan-vni 10100|exit|interface vlan 100|virtual-network 100|exit",
                    "config:interface vlan 200|virtual-network 200|exit",
                    "config:no virtual-network 100",
                    "save",
                    "show:show running-configuration");

            assertEquals(Map.of(Vni.of(10100), VlanId.of(100)), sw.runningConfig().vniToVlan());
            assertEquals(sw.runningConfig(), sw.savedConfig(), "save_config saved it");
            assertTrue(r.get(1).get("output").asText().contains("virtual-network 200 does not exist"), r.get(1).toString());
            assertTrue(r.get(2).get("output").asText().contains("is in use by interface vlan100"), r.get(2).toString());
            String run = r.get(4).get("output").asText();
            assertTrue(run.contains("virtual-network 100\n vxlan-vni 10100") && run.contains("interface vlan100\n virtual-network 100"),
                    run);
        }
    }
}
