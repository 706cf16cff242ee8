package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.hardware.redfish.fixture.Clients;
import org.bmsdk.hardware.redfish.fixture.FakeRedfish;
import org.bmsdk.hardware.redfish.fixture.ScriptedServer;
import org.junit.jupiter.api.Test;

class PowerTest {

    private final FakeRedfish bmc = FakeRedfish.of("Contoso");
    private final Clients.Recording events = new Clients.Recording();

    private BmcClient connect(ScriptedServer server) {
        return Clients.connect(Clients.endpoint(server.endpoint()).build(), Clients.FAST, events);
    }

    @Test
    void onReturnsOnceThePowerStateIsOn() {
        bmc.pollsUntilPowerChange(4);
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            power.perform(PowerAction.ON, Duration.ofSeconds(5));
            assertEquals(PowerState.ON, power.powerState());
            assertEquals(List.of("On"), bmc.resets());
            assertTrue(events.heard.containsAll(List.of("started power.on", "succeeded power.on")), events.heard.toString());
        }
    }

    @Test
    void aStateThatNeverComesIsATimeout() {
        bmc.pollsUntilPowerChange(0);
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                    () -> client.require(PowerControl.class).perform(PowerAction.ON, Duration.ofMillis(200)));
            assertTrue(e.getMessage().contains("OFF"), e.getMessage());
            assertTrue(e.isRetryable());
            assertTrue(events.heard.contains("failed power.on OperationTimeoutException"));
        }
    }

    @Test
    void aClockThatNeverMovesStillEndsThePolling() {
        bmc.pollsUntilPowerChange(0);
        java.time.Clock frozen = java.time.Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        try (ScriptedServer server = bmc.serve();
                BmcClient client = RedfishDriverProvider.create(Clients.FAST).connect(Clients.endpoint(server.endpoint()).build(),
                        org.bmsdk.api.DriverContext.builder().clock(frozen).build())) {
            assertThrows(OperationTimeoutException.class, () -> client.require(PowerControl.class).perform(PowerAction.ON, Duration.ofMillis(100)));
        }
    }

    @Test
    void anActionAlreadyDoneSendsNothing() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            client.require(PowerControl.class).perform(PowerAction.OFF, Duration.ofSeconds(1));
            assertTrue(bmc.resets().isEmpty());
        }
    }

    @Test
    void powerCycleFallsBackToOffThenOnWhenTheBmcHasNoPowerCycle() {
        bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "On");
        bmc.resource(FakeRedfish.SYSTEM).withObjectProperty("Actions").withObjectProperty("#ComputerSystem.Reset")
                .putArray("ResetType@Redfish.AllowableValues").add("On").add("ForceOff").add("GracefulShutdown");
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            client.require(PowerControl.class).perform(PowerAction.POWER_CYCLE, Duration.ofSeconds(5));
            assertEquals(List.of("ForceOff", "On"), bmc.resets());
        }
    }

    @Test
    void softRebootFallsBackToShutdownThenOn() {
        bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "On");
        bmc.resource(FakeRedfish.SYSTEM).withObjectProperty("Actions").withObjectProperty("#ComputerSystem.Reset")
                .putArray("ResetType@Redfish.AllowableValues").add("On").add("ForceOff").add("GracefulShutdown");
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            client.require(PowerControl.class).perform(PowerAction.SOFT_REBOOT, Duration.ofSeconds(5));
            assertEquals(List.of("GracefulShutdown", "On"), bmc.resets());
        }
    }

    @Test
    void aWarmResetReturnsOnlyOnceTheBmcShowsANewLastResetTime() throws Exception {
        // PowerState stays On through a warm reset: only LastResetTime tells that it happened, here 300 ms after the 204.
        bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "On").put("LastResetTime", "2026-01-01T00:00:00Z");
        java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        bmc.action("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", r -> {
            later.schedule(() -> {
                synchronized (bmc.resource(FakeRedfish.SYSTEM)) {
                    bmc.resource(FakeRedfish.SYSTEM).put("LastResetTime", "2026-01-01T00:05:00Z");
                }
            }, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
            return ScriptedServer.Reply.status(204);
        });
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            long t0 = System.nanoTime();
            client.require(PowerControl.class).perform(PowerAction.REBOOT, Duration.ofSeconds(5));
            long tookMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(tookMs >= 250, "returned after " + tookMs + " ms, before the BMC showed the reset");
        } finally {
            later.shutdownNow();
        }
    }

    @Test
    void aRestartTheBmcNeverShowsIsATimeoutNotASuccess() {
        // The BMC offers LastResetTime but it never changes, and PowerState never leaves On.
        bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "On").put("LastResetTime", "2026-01-01T00:00:00Z");
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                    () -> client.require(PowerControl.class).perform(PowerAction.REBOOT, Duration.ofMillis(300)));
            assertTrue(e.getMessage().contains("showed no restart"), e.getMessage());
            assertEquals(List.of("ForceRestart"), bmc.resets());
        }
    }

    @Test
    void aPowerCycleSeenAsOffThenOnNeedsNoRestartTimes() {
        // LastResetTime never changes here, but PowerState goes Off and comes back On: the restart was seen.
        bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "On").put("LastResetTime", "2026-01-01T00:00:00Z");
        java.util.concurrent.atomic.AtomicInteger cameBack = new java.util.concurrent.atomic.AtomicInteger();
        bmc.action("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", r -> {
            synchronized (bmc.resource(FakeRedfish.SYSTEM)) {
                bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "Off");
            }
            Thread flip = new Thread(() -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (bmc.resource(FakeRedfish.SYSTEM)) {
                    bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "On");
                }
                cameBack.incrementAndGet();
            });
            flip.setDaemon(true);
            flip.start();
            return ScriptedServer.Reply.status(204);
        });
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            client.require(PowerControl.class).perform(PowerAction.POWER_CYCLE, Duration.ofSeconds(5));
            assertEquals(1, cameBack.get(), "returned before the machine came back on");
        }
    }

    @Test
    void nativeResetTypesAreUsedWhenAllowed() {
        bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "On");
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            power.perform(PowerAction.POWER_CYCLE, Duration.ofSeconds(5));
            power.perform(PowerAction.REBOOT, Duration.ofSeconds(5));
            power.perform(PowerAction.SOFT_REBOOT, Duration.ofSeconds(5));
            power.perform(PowerAction.INJECT_NMI, Duration.ofSeconds(5));
            assertEquals(List.of("PowerCycle", "ForceRestart", "GracefulRestart", "Nmi"), bmc.resets());
        }
    }

    @Test
    void anNmiNeedsTheMachineOn() {
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            UnsupportedCapabilityException e = assertThrows(UnsupportedCapabilityException.class,
                    () -> client.require(PowerControl.class).perform(PowerAction.INJECT_NMI, Duration.ofSeconds(1)));
            assertEquals(UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE, e.reason());
            assertTrue(bmc.resets().isEmpty());
        }
    }

    @Test
    void gracefulShutdownWaitsForOffAndForcesOnlyWhenAsked() {
        bmc.resource(FakeRedfish.SYSTEM).put("PowerState", "On");
        bmc.pollsUntilPowerChange(2);
        try (ScriptedServer server = bmc.serve(); BmcClient client = connect(server)) {
            assertTrue(client.require(PowerControl.class).gracefulShutdown(Duration.ofSeconds(5), false));
            assertEquals(List.of("GracefulShutdown"), bmc.resets());
        }
    }

    @Test
    void aShutdownTheOsIgnoresTimesOutUnlessForcingIsAsked() {
        FakeRedfish stubborn = FakeRedfish.of("Contoso");
        stubborn.resource(FakeRedfish.SYSTEM).put("PowerState", "On");
        stubborn.action("/redfish/v1/Systems/1/Actions/ComputerSystem.Reset", r -> {
            if (r.body().contains("ForceOff")) {
                stubborn.resource(FakeRedfish.SYSTEM).put("PowerState", "Off");
            }
            return ScriptedServer.Reply.status(204);
        });
        try (ScriptedServer server = stubborn.serve(); BmcClient client = connect(server)) {
            PowerControl power = client.require(PowerControl.class);
            assertThrows(OperationTimeoutException.class, () -> power.gracefulShutdown(Duration.ofMillis(150), false));
            assertEquals(PowerState.ON, power.powerState());
            assertFalse(power.gracefulShutdown(Duration.ofMillis(150), true));
            assertEquals(PowerState.OFF, power.powerState());
        }
    }
}
