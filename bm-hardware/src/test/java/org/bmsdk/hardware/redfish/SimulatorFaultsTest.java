package org.bmsdk.hardware.redfish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.hardware.redfish.fixture.Rig;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.redfish.RecordedRequest;
import org.bmsdk.testkit.redfish.RedfishLab;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.testkit.redfish.SimulatedRedfish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each fault the simulator injects, met by the driver as its contract says: reads ride out a busy,
 * throttling or dropping BMC; a write is sent once unless the BMC says it is busy; a BMC that is
 * too slow or silent is a timeout; refused logins and untrusted certificates are authentication
 * errors; a rebooted BMC is logged into again.
 */
class SimulatorFaultsTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final String SYSTEM = "/redfish/v1/Systems/1";
    private static final String LOGIN = "/redfish/v1/SessionService/Sessions";
    private static RedfishLab lab;

    @BeforeAll
    static void startLab() {
        lab = RedfishLab.create(1);
    }

    @AfterAll
    static void stopLab() {
        lab.close();
    }

    private static Rig rig() {
        return Rig.start(lab, RedfishSpec.defaults(), Rig.quick("node-1").build());
    }

    /** A second client of a rig's BMC, with a short request timeout and few attempts. */
    private static BmcClient impatient(Rig r, Duration requestTimeout, int attempts) {
        return Rig.connect(Rig.endpoint(r.bmc()).requestTimeout(requestTimeout).build(), Rig.OPTIONS.toBuilder().maxAttempts(attempts).build());
    }

    private static List<Integer> statuses(SimulatedRedfish bmc, String method, String target) {
        return bmc.requests().stream().filter(q -> q.method().equals(method) && q.target().equals(target)).map(RecordedRequest::status).toList();
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    @Test
    void latencyWithinTheTimeoutIsWaitedFor() {
        try (Rig r = rig()) {
            r.bmc().faults().delay(Duration.ofMillis(300));
            long start = System.nanoTime();
            r.require(PowerControl.class).perform(PowerAction.ON, T);
            assertTrue(millisSince(start) >= 300, "every answer came late");
            assertEquals(PowerState.ON, r.machine().powerState());
            r.bmc().faults().clear();
        }
    }

    @Test
    void latencyBeyondTheTimeoutIsATimeout() {
        try (Rig r = rig(); BmcClient c = impatient(r, Duration.ofMillis(400), 2)) {
            r.bmc().faults().delay(Duration.ofMillis(1500));
            long start = System.nanoTime();
            OperationTimeoutException e = assertThrows(OperationTimeoutException.class, () -> c.require(PowerControl.class).powerState());
            assertTrue(millisSince(start) < 2500, "given up at the request timeout, twice, not when the answers came (3 s)");
            assertTrue(e.isRetryable());
            r.bmc().faults().clear();
            assertEquals(PowerState.OFF, c.require(PowerControl.class).powerState(), "fine again once the BMC is");
        }
    }

    @Test
    void aBurstOf503IsRetriedOnReads() {
        try (Rig r = rig()) {
            r.bmc().faults().serviceUnavailable(3);
            assertEquals(PowerState.OFF, r.require(PowerControl.class).powerState());
            // require() asks the BMC first (three 503s, then the system), then the read itself
            assertEquals(List.of(503, 503, 503, 200, 200), statuses(r.bmc(), "GET", SYSTEM));
        }
    }

    @Test
    void aRetryAfterIsHonoured() {
        try (Rig r = rig()) {
            r.bmc().faults().serviceUnavailable(1, Duration.ofSeconds(1));
            long start = System.nanoTime();
            assertEquals(PowerState.OFF, r.require(PowerControl.class).powerState());
            assertTrue(millisSince(start) >= 900, "waited the second the BMC asked for");
        }
    }

    @Test
    void tooManyRequestsWithRetryAfterIsWaitedFor() {
        try (Rig r = rig()) {
            r.bmc().faults().tooManyRequests(2, Duration.ofSeconds(1));
            long start = System.nanoTime();
            assertEquals(PowerState.OFF, r.require(PowerControl.class).powerState());
            assertTrue(millisSince(start) >= 1800, "waited twice as asked");
            assertEquals(List.of(429, 429, 200, 200), statuses(r.bmc(), "GET", SYSTEM));
        }
    }

    @Test
    void droppedConnectionsOnReadsAreRetried() {
        try (Rig r = rig()) {
            r.bmc().faults().dropConnections(2);
            assertEquals(PowerState.OFF, r.require(PowerControl.class).powerState());
            assertEquals(2, r.bmc().requests().stream().filter(q -> q.status() == 0).count(), "two went unanswered");
        }
    }

    @Test
    void refusedLoginsAreAnAuthenticationError() {
        try (SimulatedMachine m = SimulatedMachine.create(Rig.quick("node-1").build());
                SimulatedRedfish bmc = lab.start(RedfishSpec.defaults(), m)) {
            bmc.faults().refuseLogins();
            AuthenticationException e = assertThrows(AuthenticationException.class, () -> Rig.connect(Rig.endpoint(bmc).build(), Rig.OPTIONS));
            assertFalse(e.getMessage().contains("password"), e.getMessage());
            assertEquals(List.of(401), statuses(bmc, "POST", LOGIN));
            assertEquals(0, bmc.sessionCount());
        }
    }

    @Test
    void aLockedAccountStopsAConnectedClient() {
        try (Rig r = rig()) {
            r.bmc().faults().refuseLogins().dropSessions();
            assertThrows(AuthenticationException.class, () -> r.require(PowerControl.class).powerState());
            r.bmc().faults().clear();
        }
    }

    @Test
    void aRebootedBmcIsLoggedIntoAgain() {
        try (Rig r = rig()) {
            r.bmc().faults().reboot(Duration.ofMillis(300));
            Rig.await("the BMC listening again", () -> listening(r.bmc()));
            r.require(PowerControl.class).perform(PowerAction.ON, T);
            assertEquals(PowerState.ON, r.machine().powerState());
            assertEquals(List.of(201, 201), statuses(r.bmc(), "POST", LOGIN), "a second login after the reboot");
            assertEquals(1, r.bmc().sessionCount());
        }
    }

    @Test
    void aReadRidesOutAShortReboot() {
        try (Rig r = rig();
                BmcClient patient = Rig.connect(Rig.endpoint(r.bmc()).build(),
                        Rig.OPTIONS.toBuilder().retryDelay(Duration.ofMillis(100), Duration.ofMillis(400)).maxAttempts(10).build())) {
            r.bmc().faults().reboot(Duration.ofMillis(500));
            assertFalse(listening(r.bmc()), "refusing connections");
            assertEquals(PowerState.OFF, patient.require(PowerControl.class).powerState(), "retried until it was back, then logged in");
        }
    }

    @Test
    void aSilentBmcIsATimeout() {
        try (Rig r = rig(); BmcClient c = impatient(r, Duration.ofMillis(300), 2)) {
            r.bmc().faults().silence();
            assertThrows(OperationTimeoutException.class, () -> c.require(PowerControl.class).powerState());
            r.bmc().faults().clear();
        }
    }

    @Test
    void aFailedWriteIsADeviceErrorAndIsNotSentAgain() {
        try (Rig r = rig()) {
            r.bmc().faults().failNext(500, "POST");
            DeviceException e = assertThrows(DeviceException.class, () -> r.require(PowerControl.class).perform(PowerAction.ON, T));
            assertFalse(e.isRetryable());
            assertEquals(List.of(500), statuses(r.bmc(), "POST", SYSTEM + "/Actions/ComputerSystem.Reset"), "sent once");
            assertEquals(PowerState.OFF, r.machine().powerState());

            r.bmc().faults().failNext(500, "PATCH");
            assertThrows(DeviceException.class, () -> r.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE)));
            assertEquals(List.of(500), statuses(r.bmc(), "PATCH", SYSTEM));
            assertEquals(Optional.empty(), r.machine().bootOverride());
        }
    }

    @Test
    void aWriteTheBmcCallsBusyIsSentAgain() {
        try (Rig r = rig()) {
            r.bmc().faults().failNext(503, "POST");
            r.require(PowerControl.class).perform(PowerAction.ON, T);
            assertEquals(List.of(503, 204), statuses(r.bmc(), "POST", SYSTEM + "/Actions/ComputerSystem.Reset"),
                    "503 with Base.ServiceTemporarilyUnavailable: not done, so safe to send again");
            assertEquals(PowerState.ON, r.machine().powerState());
        }
    }

    @Test
    void anUntrustedCertificateIsRefusedBeforeAnyLogin() {
        try (SimulatedMachine m = SimulatedMachine.create(Rig.quick("node-1").build());
                SimulatedRedfish bmc = lab.start(RedfishSpec.defaults(), m);
                RedfishLab other = RedfishLab.create(1)) {
            BmcEndpoint jvmTrust = BmcEndpoint.builder("redfish://127.0.0.1:" + bmc.port())
                    .credentials(CredentialRef.inline(bmc.spec().credentials())).build();
            AuthenticationException jvm = assertThrows(AuthenticationException.class, () -> Rig.connect(jvmTrust, Rig.OPTIONS));
            assertTrue(jvm.getMessage().contains("not trusted"), jvm.getMessage());
            BmcEndpoint otherCa = Rig.endpoint(bmc).caCertificate(other.caCertificate()).build();
            AuthenticationException wrongCa = assertThrows(AuthenticationException.class, () -> Rig.connect(otherCa, Rig.OPTIONS));
            assertTrue(wrongCa.getMessage().contains("not trusted"), wrongCa.getMessage());
            assertEquals(List.of(), statuses(bmc, "POST", LOGIN), "no password was sent");
        }
    }

    @Test
    void plainHttpWhenTheEndpointSaysSo() {
        try (Rig r = Rig.start(lab, RedfishSpec.builder().tls(false).build(), Rig.quick("node-1").build())) {
            assertEquals("redfish+http", r.client().endpoint().scheme());
            r.require(PowerControl.class).perform(PowerAction.ON, T);
            assertEquals(PowerState.ON, r.machine().powerState());
        }
    }

    private static boolean listening(SimulatedRedfish bmc) {
        try (Socket s = new Socket()) {
            s.connect(bmc.address(), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
