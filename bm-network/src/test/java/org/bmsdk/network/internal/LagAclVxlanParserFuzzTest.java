package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The LAG, ACL and VXLAN parts of the running-configuration parser, fuzzed with lines made of the
 * words they use: an ACL entry that is not of our form is left out, never an exception, and a whole
 * configuration either parses or is refused with an IllegalArgumentException (which the session
 * reports as a DeviceException), never anything else.
 */
class LagAclVxlanParserFuzzTest {

    private static final List<String> WORDS = List.of("permit", "deny", "ip", "tcp", "udp", "icmp", "any", "host", "eq", "range",
            "echo-reply", "10.0.0.0", "0.255.255.255", "10.0.0.0/8", "1.2.3.4/33", "999.1.1.1", "22", "65535", "99999", "www",
            "established", "log", "/", "-", "", "0.0.0.0", "255.255.255.255", "0.0.255.0");

    private static final List<String> LINES = List.of("interface Ethernet1", "interface Port-Channel7", "interface Vxlan1",
            "interface nve1", "vlan 10", "ip access-list web", "ip access-list extended web", " channel-group", " channel-group x mode active",
            " channel-group 7 mode active", " ip access-group web in", " ip port access-group web", " vxlan vlan 10 vni 10010",
            " vxlan vlan 10-11 vni 10010", " vxlan vlan 10 vni", " vn-segment 10010", " vn-segment 0", " vn-segment x",
            " 10 permit tcp any any", " remark hello", " member vni 5", "end", "!", "interface ethernet1/1/1",
            "interface port-channel7", " seq 10 permit tcp any any", " seq x", " ip access-group in", " channel-group 99999 mode active",
            " 0010  PortChannel10  LACP(A)(Up)  Ethernet0(S) Ethernet4(D)", " 0007  PortChannel7  LACP(A)(Dw)  N/A",
            " 0010  PortChannel10  LACP(A)(Up)  swp1(S)", "Vlan100     100  PortChannel10 tagged",
            "PortChannel10  N/A  200G  9100  N/A  N/A  trunk  up  up  N/A  N/A", "Vlan100 100 Ethernet0",
            "nv set interface bond1 bond member swp1", "nv set bridge domain br_default vlan 10 vni 10010",
            "nv set bridge domain br_default vlan 10 vni 0", "nv set bridge domain br_default vlan x vni 5",
            "set interfaces ge-0/0/1 ether-options 802.3ad ae1", "set vlans a vlan-id 10", "set vlans a vxlan vni 99999999",
            "set vlans a vxlan vni 5",
            // ACLs of Junos, NVUE and SONiC; VXLAN of OS10 and SONiC
            "set firewall family ethernet-switching filter web term t1 from ip-protocol tcp",
            "set firewall family ethernet-switching filter web term t1 from ip-destination-address 10.0.0.0/8",
            "set firewall family ethernet-switching filter web term t1 from destination-port 8000-x",
            "set firewall family ethernet-switching filter web term t1 then accept",
            "set firewall family ethernet-switching filter web term arp from ether-type arp",
            "set firewall family ethernet-switching filter bad!name term t1 then accept",
            "set interfaces ge-0/0/1 unit 0 family ethernet-switching filter input web",
            "nv set acl web type ipv4", "nv set acl web rule 10 match ip protocol tcp", "nv set acl web rule 10 match ip tcp dest-port 1:",
            "nv set acl web rule 10 action permit", "nv set acl web rule x action deny", "nv set acl web rule 65000 action deny",
            "nv set interface swp1 acl web inbound", "nv set interface swp1 bridge domain br_default",
            "Name  Type  Binding    Description  Stage    Status", "----  ----  ---------  -----------  -------  ------",
            "web   L3    Ethernet0  web          ingress  Active", "            Ethernet4",
            "Table  Rule    Priority  Action   Match              Status", "-----  ------  --------  -------  -----------------  ------",
            "web    RULE_1  8999      FORWARD  DST_IP: 10.0.0.0/8  Active", "                                 IP_PROTOCOL: 6",
            "                                 L4_DST_PORT_RANGE: 9-1", "                                 no colon here",
            "| Vlan100 |  10010 |", "| Vlan100 |  99999999 |", "        VTEP Name : vtep1, SIP  : 10.0.0.1",
            "virtual-network 100", " vxlan-vni 10010", " vxlan-vni 0", "interface vlan100", " virtual-network 100",
            " virtual-network 99999");

    @Property(tries = 500)
    void aclEntriesNeverThrow(@ForAll("entries") String entry) {
        assertDoesNotThrow(() -> AclLines.rule(entry));
    }

    @Property(tries = 500)
    void configurationsParseOrAreRefusedCleanly(@ForAll("configs") String text) {
        try {
            RunningConfigParser.parse(text);
        } catch (IllegalArgumentException expected) {
            // a malformed line the parser relies on: the session reports it as a DeviceException
        }
    }

    @Property(tries = 500)
    void os10ConfigurationsParseOrAreRefusedCleanly(@ForAll("configs") String text) {
        try {
            Os10ConfigParser.parse(text);
        } catch (IllegalArgumentException expected) {
            // as above
        }
    }

    /** The SONiC, NVUE and Junos parsers on the same lines: LAG members and VNIs parse or are refused cleanly. */
    @Property(tries = 500)
    void linuxAndJunosOutputsParseOrAreRefusedCleanly(@ForAll("configs") String text) {
        for (java.util.function.Consumer<String> parser : List.<java.util.function.Consumer<String>>of(SonicOutput::parse,
                NvueOutput::parse, JunosConfigParser::parse)) {
            try {
                parser.accept(text);
            } catch (IllegalArgumentException expected) {
                // as above
            }
        }
    }

    @Provide
    Arbitrary<String> entries() {
        return Arbitraries.of(WORDS).list().ofMaxSize(9).map(w -> String.join(" ", w));
    }

    @Provide
    Arbitrary<String> configs() {
        return Arbitraries.oneOf(Arbitraries.of(LINES), entries().map(e -> " " + e)).list().ofMaxSize(30)
                .map(l -> String.join("\n", l));
    }
}
