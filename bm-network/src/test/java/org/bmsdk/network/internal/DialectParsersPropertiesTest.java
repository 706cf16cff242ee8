package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchConfig;
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
        SwitchConfig ported = RunningConfigParserPropertiesTest.onPortsOf(SwitchDialect.JUNIPER_JUNOS, config);
        String text = SwitchDialect.JUNIPER_JUNOS.runningConfig("sw-7", ported);
        assertEquals(ported, JunosConfigParser.parse(text), text);
    }

    /** Junos users name a port's VLANs as often as they number them: both parse the same. */
    @Property(tries = 200)
    void junosMembersByNameParseAsByNumber(@ForAll("configs") SwitchConfig config) {
        SwitchConfig ported = RunningConfigParserPropertiesTest.onPortsOf(SwitchDialect.JUNIPER_JUNOS, config);
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
     * VLAN are the same configuration there: both read back as none.
     */
    @Property(tries = 300)
    void os10ConfigurationsParseBackToThemselves(@ForAll("configs") SwitchConfig config) {
        SwitchConfig ported = nativeOneIsNone(RunningConfigParserPropertiesTest.onPortsOf(SwitchDialect.DELL_OS10, config));
        String text = SwitchDialect.DELL_OS10.runningConfig("sw-7", ported);
        assertEquals(ported, Os10ConfigParser.parse(text), text);
    }

    private static SwitchConfig nativeOneIsNone(SwitchConfig c) {
        Map<String, PortState> ports = new HashMap<>();
        c.ports().forEach((name, p) -> ports.put(name, p.nativeVlan() != null && p.nativeVlan().value() == 1
                ? new PortState(name, p.enabled(), p.mode(), p.accessVlan(), null, p.allowedVlans(), null, null) : p));
        return new SwitchConfig(c.vlans(), ports, Map.of());
    }

    @Provide
    Arbitrary<SwitchConfig> configs() {
        return RunningConfigParserPropertiesTest.configs();
    }
}
