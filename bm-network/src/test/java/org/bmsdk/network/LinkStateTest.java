package org.bmsdk.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.api.network.VlanId;
import org.bmsdk.testkit.network.SimulatedSwitch;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.network.SwitchSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link state of every CLI dialect's ports, read through the fabric from simulated
 * switches over SSH: link while the port is enabled and its far end has carrier, none when the far
 * end goes away or the port is shut.
 */
class LinkStateTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(SwitchDialect.class)
    void aPortHasLinkWhileItIsEnabledAndItsFarEndHasCarrier(SwitchDialect dialect) {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw-1", dialect).ports(4));
                BatchingSwitchFabric fabric = BatchingSwitchFabric.builder().endpoint(lab.endpoint(lab.get("sw-1"))).build()) {
            SimulatedSwitch sw = lab.get("sw-1");
            List<String> p = sw.ports();
            AtomicBoolean nic0 = new AtomicBoolean(true);
            AtomicBoolean nic2 = new AtomicBoolean(true);
            sw.cable(p.get(0), nic0::get).cable(p.get(2), nic2::get); // p1 and p3 are not cabled
            fabric.apply(List.of(PortIntent.access("sw-1", p.get(0), VlanId.of(100)), PortIntent.access("sw-1", p.get(1), VlanId.of(100)),
                    PortIntent.access("sw-1", p.get(2), VlanId.of(100))));

            assertEquals(Map.of(p.get(0), true, p.get(1), false, p.get(2), true, p.get(3), false), only(fabric.linkStates("sw-1"), p));

            nic0.set(false); // its machine lost power
            fabric.apply(List.of(PortIntent.idle("sw-1", p.get(2), VlanId.of(999)))); // shut: no link whatever is cabled
            assertEquals(Map.of(p.get(0), false, p.get(1), false, p.get(2), false, p.get(3), false), only(fabric.linkStates("sw-1"), p));

            nic0.set(true);
            assertEquals(true, fabric.linkStates("sw-1").get(p.get(0)), "link back with the power");
            assertEquals(1, sw.logins(), "read in the fabric's kept session");
        }
    }

    @ParameterizedTest
    @EnumSource(SwitchDialect.class)
    void aLagHasLinkWhileOneOfItsMembersHas(SwitchDialect dialect) {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw-1", dialect).ports(3)); SwitchSession s = lab.open(lab.get("sw-1"))) {
            SimulatedSwitch sw = lab.get("sw-1");
            List<String> p = sw.ports();
            AtomicBoolean nic0 = new AtomicBoolean(true);
            AtomicBoolean nic1 = new AtomicBoolean(true);
            sw.cable(p.get(0), nic0::get).cable(p.get(1), nic1::get);
            s.createLag("10", List.of(p.get(0), p.get(1)));
            String lag = s.readBack().port(p.get(0)).orElseThrow().lag();

            assertEquals(true, s.linkStates().get(lag), lag + " with both members up");
            nic0.set(false);
            assertEquals(Map.of(p.get(0), false, p.get(1), true, lag, true), only(s.linkStates(), List.of(p.get(0), p.get(1), lag)));
            nic1.set(false);
            assertEquals(false, s.linkStates().get(lag), lag + " with no member up");
        }
    }

    @ParameterizedTest
    @EnumSource(SwitchDialect.class)
    void aTableThatDoesNotParseIsADeviceExceptionNamingTheSwitchAndTheNextReadWorks(SwitchDialect dialect) {
        try (Lab lab = new Lab(dir, SwitchSpec.builder("sw-1", dialect).ports(2)); SwitchSession s = lab.open(lab.get("sw-1"))) {
            SimulatedSwitch sw = lab.get("sw-1");
            // not an error line in any dialect, so it reaches the parser
            sw.faults().failNext(dialect == SwitchDialect.CUMULUS_NVUE ? "nv show interface" : "show interface", "interface table unavailable");
            DeviceException e = assertThrows(DeviceException.class, s::linkStates);
            assertTrue(e.getMessage().contains("switch sw-1") && e.getMessage().contains("does not parse"), e.getMessage());
            assertEquals(Map.of(sw.ports().get(0), false, sw.ports().get(1), false), only(s.linkStates(), sw.ports()));
        }
    }

    private static Map<String, Boolean> only(Map<String, Boolean> links, List<String> ports) {
        Map<String, Boolean> m = new java.util.TreeMap<>(links);
        m.keySet().retainAll(ports);
        assertEquals(ports.size(), m.size(), "every port read: " + links);
        return m;
    }
}
