package org.bmsdk.testkit.machine;

import org.bmsdk.api.bmc.BootOverride;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootPersistence;

/**
 * Random sequences of power operations, boot overrides, virtual media, faults and clock advances:
 * after every step the machine agrees with {@link ReferenceMachine}, power and OS state agree,
 * listeners heard every change, and a one-time boot override is used by exactly one boot.
 */
class MachineStatePropertiesTest {

    @Property
    void behavesLikeTheReferenceModel(@ForAll("chains") ActionChain<MachineHarness> chain) {
        chain.withInvariant("power and OS agree", MachineHarness::powerAndOsAgree)
                .withInvariant("matches the reference model", MachineHarness::matchesModel)
                .withInvariant("a once override is used by exactly one boot", MachineHarness::onceOverrideUsedOnce)
                .withInvariant("events tell the state", MachineHarness::eventsTellTheState)
                .run();
        chain.finalState().ifPresent(MachineHarness::close);
    }

    @Provide
    Arbitrary<ActionChain<MachineHarness>> chains() {
        return specs().flatMap(spec -> ActionChain.startWith(() -> new MachineHarness(spec))
                .withAction(4, mutate("powerOn", MachineHarness::powerOn))
                .withAction(2, mutate("powerOff", MachineHarness::powerOff))
                .withAction(3, mutate("requestSoftOff", MachineHarness::softOff))
                .withAction(2, mutate("reset", MachineHarness::reset))
                .withAction(1, mutate("powerCycle", MachineHarness::powerCycle))
                .withAction(1, mutate("injectNmi", MachineHarness::nmi))
                .withAction(1, mutate("crash", MachineHarness::crash))
                .withAction(8, advances())
                .withAction(3, overrides())
                .withAction(1, mutate("clearBootOverride", MachineHarness::clearOverride))
                .withAction(1, mutate("insertVirtualMedia", MachineHarness::insertMedia))
                .withAction(1, mutate("ejectVirtualMedia", MachineHarness::ejectMedia))
                .withAction(2, faults())
                .withMaxTransformations(40));
    }

    private static Arbitrary<MachineSpec> specs() {
        Arbitrary<Duration> times = Arbitraries.of(0L, 1L, 5L, 30L).map(Duration::ofSeconds);
        return Combinators.combine(times, times, times, Arbitraries.of(true, false),
                Arbitraries.of(BootDevice.DISK, BootDevice.PXE)).as((post, boot, shutdown, acpi, device) ->
                MachineSpec.builder("prop").postTime(post).bootTime(boot).shutdownTime(shutdown).honoursAcpi(acpi)
                        .defaultBoot(device, BootMode.UEFI).consoleCapacity(4096).build());
    }

    private static Action.Independent<MachineHarness> mutate(String name, java.util.function.Consumer<MachineHarness> op) {
        return Action.just(Transformer.mutate(name, op));
    }

    private static Action.Independent<MachineHarness> advances() {
        return () -> Arbitraries.of(0L, 1L, 4L, 5L, 6L, 10L, 29L, 30L, 31L, 35L, 120L, 3600L)
                .map(s -> Transformer.mutate("advance " + s + "s", h -> h.advance(Duration.ofSeconds(s))));
    }

    private static Action.Independent<MachineHarness> overrides() {
        return () -> Combinators.combine(Arbitraries.of(BootDevice.class), Arbitraries.of(BootMode.class),
                Arbitraries.of(BootPersistence.class)).as(BootOverride::new)
                .map(o -> Transformer.mutate("setBootOverride " + o, h -> h.setOverride(o)));
    }

    private static Action.Independent<MachineHarness> faults() {
        return () -> Arbitraries.of("hangOnShutdown", "failPost", "bootLoop", "clear")
                .map(f -> Transformer.mutate("fault " + f, h -> h.fault(f)));
    }
}
