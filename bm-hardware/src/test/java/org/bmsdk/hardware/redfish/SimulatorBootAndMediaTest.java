package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.VirtualMedia;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.testkit.machine.BootInfo;
import org.bmsdk.testkit.machine.BootedImage;
import org.bmsdk.testkit.machine.OsState;
import org.bmsdk.testkit.redfish.RecordedRequest;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.VirtualMediaPlacement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Boot overrides and virtual media through the driver, checked where it matters: the next boot of
 * the machine behind the simulated BMC uses the device and mode set, a one-time override is gone
 * after it, and the virtual CD the driver inserted is what a CD boot brings up.
 */
class SimulatorBootAndMediaTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final URI IMAGE = URI.create("http://images.example/deploy.iso");
    private static final URI OTHER = URI.create("https://images.example/rescue.iso");
    private static RedfishLab lab;

    @BeforeAll
    static void startLab() {
        lab = RedfishLab.create(1);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    static List<BootOverride> overrides() {
        List<BootOverride> all = new ArrayList<>();
        for (BootDevice d : BootDevice.values()) {
            for (BootPersistence p : BootPersistence.values()) {
                for (BootMode m : BootMode.values()) {
                    all.add(new BootOverride(d, m, p));
                }
            }
        }
        return all;
    }

    /** Boots the machine again (on if off, else a hard reset) and returns the boot it made. */
    private static BootInfo nextBoot(Rig r) {
        long before = r.machine().lastBoot().map(BootInfo::sequence).orElse(0L);
        PowerControl power = r.require(PowerControl.class);
        power.perform(power.powerState() == PowerState.ON ? PowerAction.REBOOT : PowerAction.ON, T);
        Rig.await("boot " + (before + 1), () -> r.machine().lastBoot().map(BootInfo::sequence).orElse(0L) > before);
        return r.machine().lastBoot().orElseThrow();
    }

    @ParameterizedTest
    @MethodSource("overrides")
    void aBootOverrideIsHonouredAtTheNextBoot(BootOverride wanted) {
        try (Rig r = Rig.start(lab, RedfishSpec.defaults(), Rig.quick("node-1").build())) {
            BootControl boot = r.require(BootControl.class);
            if (wanted.device() == BootDevice.CDROM) {
                r.require(VirtualMedia.class).insert(IMAGE); // a CD boot without media would fall back to the disk
            }
            assertEquals(Optional.empty(), boot.bootOverride());
            boot.setBootOverride(wanted);
            assertEquals(Optional.of(wanted), boot.bootOverride(), "read back through the driver");
            assertEquals(Optional.of(wanted), r.machine().bootOverride(), "held by the BMC for the machine");

            BootInfo used = nextBoot(r);
            assertEquals(wanted.device(), used.device());
            assertEquals(wanted.mode(), used.mode());
            assertTrue(used.fromOverride());
            if (wanted.device() == BootDevice.CDROM) {
                assertEquals(BootedImage.VIRTUAL_MEDIA, used.image());
                assertEquals(Optional.of(IMAGE.toString()), used.mediaUri());
            }

            if (wanted.persistence() == BootPersistence.ONCE) {
                assertEquals(Optional.empty(), boot.bootOverride(), "a one-time override is used up by its boot");
                BootInfo after = nextBoot(r);
                assertEquals(BootDevice.DISK, after.device(), "then the normal order again");
                assertTrue(!after.fromOverride());
            } else {
                assertEquals(Optional.of(wanted), boot.bootOverride(), "a persistent override stays");
                BootInfo after = nextBoot(r);
                assertEquals(wanted.device(), after.device());
                assertEquals(wanted.mode(), after.mode());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(VirtualMediaPlacement.class)
    void virtualMediaInsertAndEjectWhereverTheBmcKeepsIt(VirtualMediaPlacement placement) {
        RedfishSpec spec = RedfishSpec.builder().virtualMediaPlacement(placement).build();
        try (Rig r = Rig.start(lab, spec, Rig.quick("node-1").build())) {
            VirtualMedia media = r.require(VirtualMedia.class);
            assertEquals(Optional.empty(), media.inserted());

            media.insert(IMAGE);
            assertEquals(Optional.of(IMAGE.toString()), r.machine().virtualMedia());
            assertEquals(Optional.of(IMAGE), media.inserted());

            media.insert(OTHER);
            assertEquals(Optional.of(OTHER.toString()), r.machine().virtualMedia(), "a second insert replaces the first");
            assertEquals(Optional.of(OTHER), media.inserted());

            r.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.CDROM));
            BootInfo boot = nextBoot(r);
            assertEquals(BootedImage.VIRTUAL_MEDIA, boot.image());
            assertEquals(Optional.of(OTHER.toString()), boot.mediaUri());
            r.awaitOs(OsState.RUNNING);
            assertTrue(r.machine().console().text().contains("service ramdisk (virtual media)"));

            media.eject();
            assertEquals(Optional.empty(), r.machine().virtualMedia());
            assertEquals(Optional.empty(), media.inserted());
            media.eject();
            assertEquals(Optional.empty(), media.inserted(), "ejecting nothing is no error");

            String owner = placement == VirtualMediaPlacement.SYSTEM ? "/redfish/v1/Systems/1/VirtualMedia/Cd" : "/redfish/v1/Managers/1/VirtualMedia/Cd";
            List<String> writes = r.bmc().requests().stream().filter(q -> q.method().equals("POST") && q.target().contains("VirtualMedia"))
                    .map(RecordedRequest::target).toList();
            assertTrue(!writes.isEmpty() && writes.stream().allMatch(t -> t.startsWith(owner + "/Actions/")), writes.toString());
        }
    }

    @ParameterizedTest
    @EnumSource(VirtualMediaPlacement.class)
    void onlyHttpImagesAreInserted(VirtualMediaPlacement placement) {
        RedfishSpec spec = RedfishSpec.builder().virtualMediaPlacement(placement).build();
        try (Rig r = Rig.start(lab, spec, Rig.quick("node-1").build())) {
            assertThrows(ConfigurationException.class, () -> r.require(VirtualMedia.class).insert(URI.create("file:///tmp/x.iso")));
            assertEquals(Optional.empty(), r.machine().virtualMedia());
        }
    }
}
