package org.bmsdk.testkit.redfish;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.time.ManualClock;

/**
 * One machine on a manual clock behind a simulated BMC over HTTPS, and a client that trusts the
 * BMC's CA: what most behaviour tests start from. POST takes 5 s, boot 30 s, shutdown 10 s.
 */
final class Fixture implements AutoCloseable {

    static final Duration POST = Duration.ofSeconds(5);
    static final Duration BOOT = Duration.ofSeconds(30);
    static final Duration SHUTDOWN = Duration.ofSeconds(10);
    static final String SYSTEM = "/redfish/v1/Systems/1";

    final ManualClock clock = ManualClock.create();
    final SimulatedMachine machine;
    final SimulatedRedfish bmc;
    final TestClient client;

    private Fixture(UnaryOperator<MachineSpec.Builder> machineSpec, UnaryOperator<RedfishSpec.Builder> bmcSpec) {
        machine = SimulatedMachine.create(machineSpec.apply(MachineSpec.builder("node-1").postTime(POST)
                .bootTime(BOOT).shutdownTime(SHUTDOWN)).build(), clock);
        bmc = SimulatedRedfish.start(bmcSpec.apply(RedfishSpec.builder().clock(clock)).build(), machine);
        client = TestClient.basic(bmc);
    }

    static Fixture create() {
        return new Fixture(b -> b, b -> b);
    }

    static Fixture withBmc(UnaryOperator<RedfishSpec.Builder> bmcSpec) {
        return new Fixture(b -> b, bmcSpec);
    }

    static Fixture withMachine(UnaryOperator<MachineSpec.Builder> machineSpec) {
        return new Fixture(machineSpec, b -> b);
    }

    /** Sends a reset and expects 204. */
    void reset(String type) {
        TestClient.Reply r = client.post(SYSTEM + "/Actions/ComputerSystem.Reset", "{\"ResetType\": \"" + type + "\"}");
        if (r.status() != 204) {
            throw new AssertionError("reset " + type + " answered " + r.status() + ": " + r.body());
        }
    }

    String powerState() {
        return client.get(SYSTEM).json().get("PowerState").asText();
    }

    void bootToRunning() {
        reset("On");
        clock.advance(POST.plus(BOOT));
    }

    @Override
    public void close() {
        bmc.close();
        machine.close();
    }
}
