package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.bmc.BiosSettings;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.VirtualMedia;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.hardware.redfish.internal.RedfishBmcClient;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.redfish.IfMatchPolicy;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.VirtualMediaPlacement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The driver's vendor quirks and write fallbacks against the simulator posing as each vendor: the
 * quirk table entry is chosen from the service root, and each family's way of writing (If-Match
 * always or never, virtual media under the System or the Manager, InsertMedia with a transfer
 * protocol, no PowerCycle, ResetBios with a body, BIOS apply time) still changes the machine.
 */
class SimulatorVendorTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final URI IMAGE = URI.create("http://images.example/ipa.iso");
    private static RedfishLab lab;

    @BeforeAll
    static void startLab() {
        lab = RedfishLab.create(1);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    /** A vendor the simulator poses as, and the quirk table entry the driver should pick. */
    record Vendor(String vendor, String product, String quirks) {
        @Override
        public String toString() {
            return quirks;
        }
    }

    static final List<Vendor> VENDORS = List.of(
            new Vendor("bm-sdk", "Simulated Redfish BMC", "generic"),
            new Vendor("Dell Inc.", "Integrated Dell Remote Access Controller", "Dell iDRAC"),
            new Vendor("HPE", "ProLiant DL360 Gen10 Plus", "HPE iLO"),
            new Vendor("Lenovo", "ThinkSystem SR650 V2", "Lenovo XCC"),
            new Vendor("Supermicro", "X12DPU-6", "Supermicro"),
            new Vendor("OpenBMC", "bmcweb", "OpenBMC"));

    static List<Arguments> vendorsAndPlacements() {
        List<Arguments> all = new ArrayList<>();
        for (Vendor v : VENDORS) {
            for (VirtualMediaPlacement p : VirtualMediaPlacement.values()) {
                all.add(Arguments.of(v, p));
            }
        }
        return all;
    }

    static List<Arguments> vendorsAndIfMatch() {
        List<Arguments> all = new ArrayList<>();
        for (Vendor v : VENDORS) {
            for (IfMatchPolicy p : IfMatchPolicy.values()) {
                all.add(Arguments.of(v, p));
            }
        }
        return all;
    }

    private static List<String> patches(Rig r) {
        return r.bmc().requests().stream().filter(q -> q.method().equals("PATCH")).map(q -> q.status() + " " + q.target()).toList();
    }

    /** A cleaning-like round: media, boot override, BIOS, a power cycle, a graceful shutdown. */
    @ParameterizedTest(name = "{0}, virtual media under the {1}")
    @MethodSource("vendorsAndPlacements")
    void everyFeatureWorksOnEachVendorsQuirks(Vendor vendor, VirtualMediaPlacement placement) {
        RedfishSpec spec = RedfishSpec.builder().identity(vendor.vendor(), vendor.product()).virtualMediaPlacement(placement).build();
        try (Rig r = Rig.start(lab, spec, Rig.quick("node-1").build())) {
            assertEquals(vendor.quirks(), ((RedfishBmcClient) r.client()).quirks().name());

            r.require(VirtualMedia.class).insert(IMAGE);
            assertEquals(Optional.of(IMAGE.toString()), r.machine().virtualMedia());
            r.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.CDROM, BootMode.UEFI));
            r.require(BiosSettings.class).update(Map.of("SriovGlobalEnable", "Enabled"));
            assertEquals(Map.of("SriovGlobalEnable", "Enabled"), r.machine().bios().pending());

            PowerControl power = r.require(PowerControl.class);
            power.perform(PowerAction.ON, T);
            r.awaitOs(OsState.RUNNING);
            assertEquals("Enabled", r.machine().bios().current().get("SriovGlobalEnable"));
            assertEquals(Optional.of(IMAGE.toString()), r.machine().lastBoot().orElseThrow().mediaUri());

            r.require(VirtualMedia.class).eject();
            assertEquals(Optional.empty(), r.machine().virtualMedia());
            r.require(BiosSettings.class).resetToDefaults();
            assertTrue(r.machine().bios().isResetPending());

            power.perform(PowerAction.POWER_CYCLE, T);
            assertEquals(PowerState.ON, r.machine().powerState());
            boolean nativeCycle = r.machine().eventLog().entries().stream().anyMatch(e -> e.message().equals("System power cycle"));
            assertEquals(!vendor.quirks().equals("HPE iLO"), nativeCycle, "iLO's entry has no PowerCycle: ForceOff, then On");
            Rig.await("the cycle's boot", () -> r.machine().lastBoot().orElseThrow().sequence() == 2);
            assertEquals("Disabled", r.machine().bios().current().get("SriovGlobalEnable"), "defaults again");
            r.awaitOs(OsState.RUNNING);
            assertTrue(power.gracefulShutdown(T, false));
            assertEquals(PowerState.OFF, r.machine().powerState());
        }
    }

    @ParameterizedTest(name = "{0} against a BMC whose If-Match is {1}")
    @MethodSource("vendorsAndIfMatch")
    void patchesGetThroughWhateverTheBmcMakesOfIfMatch(Vendor vendor, IfMatchPolicy policy) {
        RedfishSpec spec = RedfishSpec.builder().identity(vendor.vendor(), vendor.product()).ifMatch(policy).build();
        try (Rig r = Rig.start(lab, spec, Rig.quick("node-1").build())) {
            BootOverride pxe = BootOverride.persistent(BootDevice.PXE, BootMode.LEGACY);
            r.require(BootControl.class).setBootOverride(pxe);
            assertEquals(Optional.of(pxe), r.machine().bootOverride());
            r.require(BiosSettings.class).update(Map.of("ProcHyperThreading", "Disabled"));
            assertEquals(Map.of("ProcHyperThreading", "Disabled"), r.machine().bios().pending());

            List<String> patches = patches(r);
            assertEquals(2, patches.stream().filter(p -> p.startsWith("200 ")).count(), patches.toString());
            String quirks = vendor.quirks();
            if (policy == IfMatchPolicy.REQUIRED && quirks.equals("Supermicro")) {
                // Supermicro's entry never sends If-Match; this BMC insists: 428, then again with the ETag.
                assertEquals(List.of("428", "200", "428", "200"), statuses(patches));
            } else if (policy == IfMatchPolicy.REJECTED && !quirks.equals("Supermicro")) {
                // The ETag the BMC issued is refused: 412, then again without If-Match.
                assertEquals(List.of("412", "200", "412", "200"), statuses(patches));
            } else {
                assertEquals(List.of("200", "200"), statuses(patches));
            }
        }
    }

    private static List<String> statuses(List<String> patches) {
        return patches.stream().map(p -> p.substring(0, 3)).toList();
    }
}
