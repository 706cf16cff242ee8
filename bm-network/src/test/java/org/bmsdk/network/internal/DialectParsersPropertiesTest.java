package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SwitchDialect;

/**
 * The parsers of the dialects that are not Cisco-shaped against the simulated switches' printers,
 * two implementations written apart: any configuration printed as Junos ({@code show configuration
 * | display set}) or OS10 ({@code show running-configuration}) prints parses back to itself.
 */
class DialectParsersPropertiesTest {

    private static final Pattern MEMBER = Pattern.compile("vlan members (\\d+)$", Pattern.MULTILINE);

    @Property(tries = 300)
    void junosConfigurationsParseBackToThemselves(@ForAll("configs") SwitchConfig config) {
        SwitchConfig ported = junos(config);
        String text = SwitchDialect.JUNIPER_JUNOS.runningConfig("sw-7", ported);
        assertEquals(ported, JunosConfigParser.parse(text), text);
    }

    /** Junos users name a port's VLANs as often as they number them: both parse the same. */
    @Property(tries = 200)
    void junosMembersByNameParseAsByNumber(@ForAll("configs") SwitchConfig config) {
        SwitchConfig ported = junos(config);
        String text = SwitchDialect.JUNIPER_JUNOS.runningConfig("sw-7", ported);
        Map<String, Integer> names = JunosConfigParser.vlanNames(text);
        Matcher m = MEMBER.matcher(text);
        StringBuilder named = new StringBuilder();
        while (m.find()) {
            int id = Integer.parseInt(m.group(1));
            String name = names.entrySet().stream().filter(e -> e.getValue() == id).map(Map.Entry::getKey).findFirst()
                    .orElse(m.group(1));
            m.appendReplacement(named, "vlan members " + name);
        }
        m.appendTail(named);
        assertEquals(ported, JunosConfigParser.parse(named.toString()), named.toString());
    }

    /**
     * OS10 always has an untagged VLAN, VLAN 1 by default, so a trunk's native VLAN 1 and no native
     * VLAN are the same configuration there: both read back as none. LAGs (their members'
     * {@code channel-group}) and ACLs ({@code seq N} entries, {@code ip access-group}) parse back too.
     */
    @Property(tries = 300)
    void os10ConfigurationsParseBackToThemselves(@ForAll("configs") SwitchConfig config) {
        SwitchConfig ported = nativeOneIsNone(RunningConfigParserPropertiesTest.onPortsOf(SwitchDialect.DELL_OS10, config));
        String text = SwitchDialect.DELL_OS10.runningConfig("sw-7", ported);
        assertEquals(ported, Os10ConfigParser.parse(text), text);
    }

    /**
     * SONiC keeps memberships, not modes: a VLAN is a port's untagged or a tagged one, never both;
     * a port without a tagged VLAN is an access port of its untagged one; there is no "every VLAN";
     * and a port can only be a member of a VLAN that exists. PortChannel members are read from
     * {@code show interfaces portchannel}.
     */
    @Property(tries = 100)
    void sonicTablesParseBackToThemselves(@ForAll("configs") SwitchConfig config) {
        SwitchConfig ported = RunningConfigParserPropertiesTest.onPortsOf(SwitchDialect.SONIC, config);
        Set<VlanId> vlans = new TreeSet<>(ported.vlans());
        Map<String, PortState> ports = new HashMap<>();
        ported.ports().forEach((name, p) -> {
            if (p.mode() == PortState.Mode.ACCESS) {
                vlans.add(p.accessVlan());
                ports.put(name, p);
                return;
            }
            Set<VlanId> tagged = new TreeSet<>(p.allowedVlans().size() == 4094 ? Set.of() : p.allowedVlans());
            if (p.nativeVlan() != null) {
                tagged.remove(p.nativeVlan());
            }
            vlans.addAll(tagged);
            if (p.nativeVlan() != null) {
                vlans.add(p.nativeVlan());
            }
            ports.put(name, tagged.isEmpty()
                    ? new PortState(name, p.enabled(), PortState.Mode.ACCESS, p.nativeVlan() == null ? VlanId.of(1) : p.nativeVlan(),
                            null, Set.of(), p.lag(), p.acl())
                    : new PortState(name, p.enabled(), PortState.Mode.TRUNK, null, p.nativeVlan(), tagged, p.lag(), p.acl()));
        });
        SwitchConfig expected = new SwitchConfig(vlans, ports, ported.vniToVlan(), ported.acls());
        String text = SwitchDialect.SONIC.runningConfig("sw-7", expected);
        assertEquals(expected, SonicOutput.parse(text), text);
    }

    /**
     * NVUE has no empty VLAN list: a trunk with none is (here) an access port of VLAN 1. A bond
     * member is not a bridge port, so it has no VLANs of its own (it reads back as VLAN 1's); bonds
     * and the VXLAN map ({@code vlan V vni N}) parse back.
     */
    @Property(tries = 200)
    void nvueCommandsParseBackToThemselves(@ForAll("configs") SwitchConfig config) {
        SwitchConfig ported = RunningConfigParserPropertiesTest.onPortsOf(SwitchDialect.CUMULUS_NVUE, config);
        Map<String, PortState> ports = new HashMap<>();
        ported.ports().forEach((name, p) -> ports.put(name, p.lag() != null || (p.mode() == PortState.Mode.TRUNK && p.allowedVlans().isEmpty())
                ? new PortState(name, p.enabled(), PortState.Mode.ACCESS, VlanId.of(1), null, Set.of(), p.lag(),
                        p.lag() == null ? p.acl() : null) : p));
        SwitchConfig expected = new SwitchConfig(ported.vlans(), ports, ported.vniToVlan(), ported.acls());
        String text = SwitchDialect.CUMULUS_NVUE.runningConfig("sw-7", ported);
        assertEquals(expected, NvueOutput.parse(text), text);
    }

    /**
     * On Junos an aggregated link member has no unit of its own (it reads back as VLAN 1's access
     * port with its ae), and a VNI is a named VLAN's ({@code set vlans NAME vxlan vni N}), so a map
     * for a VLAN that does not exist is not printed.
     */
    private static SwitchConfig junos(SwitchConfig config) {
        SwitchConfig ported = RunningConfigParserPropertiesTest.onPortsOf(SwitchDialect.JUNIPER_JUNOS, config);
        Map<String, PortState> ports = new HashMap<>();
        ported.ports().forEach((name, p) -> ports.put(name, p.lag() == null ? p
                : new PortState(name, p.enabled(), PortState.Mode.ACCESS, VlanId.of(1), null, Set.of(), p.lag(), null)));
        Map<org.bmsdk.api.network.Vni, VlanId> vnis = new HashMap<>();
        ported.vniToVlan().forEach((vni, vlan) -> {
            if (ported.vlans().contains(vlan)) {
                vnis.put(vni, vlan);
            }
        });
        return new SwitchConfig(ported.vlans(), ports, vnis, ported.acls());
    }

    private static SwitchConfig nativeOneIsNone(SwitchConfig c) {
        Map<String, PortState> ports = new HashMap<>();
        c.ports().forEach((name, p) -> ports.put(name, p.nativeVlan() != null && p.nativeVlan().value() == 1
                ? new PortState(name, p.enabled(), p.mode(), p.accessVlan(), null, p.allowedVlans(), p.lag(), p.acl()) : p));
        return new SwitchConfig(c.vlans(), ports, c.vniToVlan(), c.acls());
    }

    @Provide
    Arbitrary<SwitchConfig> configs() {
        return RunningConfigParserPropertiesTest.configs();
    }
}
