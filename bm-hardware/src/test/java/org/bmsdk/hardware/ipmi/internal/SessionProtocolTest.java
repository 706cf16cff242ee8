package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Session setup and session behaviour against {@link FakeBmc}, including the ways a BMC may misbehave. */
class SessionProtocolTest {

    static final String PASSWORD = "s3cret-pw";
    FakeBmc bmc;

    @BeforeEach
    void start() throws Exception {
        bmc = new FakeBmc("admin", PASSWORD);
        // chassis status: power on
        bmc.handler = m -> m.netFn() == IpmiRequest.CHASSIS && m.command() == 0x01 ? Bytes.of(0x00, 0x01, 0x00, 0x00) : Bytes.of(0x00);
    }

    @AfterEach
    void stop() throws Exception {
        bmc.close();
        assertEquals(0, SessionPool.shared().size(), "every test closes its clients");
    }

    BmcClient connect(IpmiOptions options) throws Exception {
        return connect(options, PASSWORD);
    }

    BmcClient connect(IpmiOptions options, String password) throws Exception {
        return IpmiDriverProvider.create(options).connect(BmcEndpoint.builder(bmc.uri())
                .credentials(CredentialRef.inline(Credentials.of("admin", password))).build(), DriverContext.defaults());
    }

    static IpmiOptions.Builder fast() {
        return IpmiOptions.builder().responseTimeout(Duration.ofMillis(150)).retransmissions(1);
    }

    static CipherSuite suite(BmcClient c) {
        return ((IpmiClient) c).sharedSession().current().security().suite();
    }

    @Test
    void prefersCipherSuite17WhenOffered() throws Exception {
        try (BmcClient c = connect(fast().build())) {
            assertEquals(CipherSuite.SUITE_17, suite(c));
            assertEquals(PowerState.ON, c.require(PowerControl.class).powerState());
        }
    }

    @Test
    void usesCipherSuite3WhenItIsAllThatIsOfferedOrAllowed() throws Exception {
        bmc.offeredSuites = List.of(0, 1, 2, 3);
        try (BmcClient c = connect(fast().build())) {
            assertEquals(CipherSuite.SUITE_3, suite(c));
        }
        bmc.offeredSuites = List.of(3, 17);
        try (BmcClient c = connect(fast().cipherSuites(3).build())) {
            assertEquals(CipherSuite.SUITE_3, suite(c));
        }
    }

    @Test
    void refusesABmcThatOffersOnlyWeakSuites() {
        bmc.offeredSuites = List.of(0, 1, 2);
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> connect(fast().build()).close());
        assertTrue(e.getMessage().contains("offers cipher suites [0, 1, 2]"), e.getMessage());
    }

    @Test
    void refusesNoneAlgorithmsInTheOpenSessionResponse() {
        bmc.answeredAlgorithms = new int[] {0, 0, 0};
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> connect(fast().build()).close());
        assertTrue(e.getMessage().contains("answered authentication NONE, integrity NONE, confidentiality NONE"), e.getMessage());
        assertEquals(0, bmc.openSessions.get());
    }

    @Test
    void refusesAForgedRakp4() {
        bmc.forgeRakp4 = true;
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> connect(fast().build()).close());
        assertTrue(e.getMessage().contains("RAKP Message 4"), e.getMessage());
    }

    @Test
    void aWrongPasswordFailsTheRakp2ProofWithoutShowingEitherPassword() {
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> connect(fast().build(), "guess").close());
        assertTrue(e.getMessage().contains("password is wrong"), e.getMessage());
        assertFalse(e.getMessage().contains("guess") || e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void aRefusedPrivilegeIsAnAuthenticationErrorAndTheSessionIsClosed() {
        bmc.privilegeAnswer = 0x81;
        AuthenticationException e = assertThrows(AuthenticationException.class, () -> connect(fast().build()).close());
        assertTrue(e.getMessage().contains("does not grant ADMINISTRATOR"), e.getMessage());
        assertEquals(1, bmc.closeSessions.get());
    }

    @Test
    void unexpectedCompletionCodesAreDeviceErrorsWithTheCode() throws Exception {
        bmc.handler = m -> Bytes.of(0xD4);
        try (BmcClient c = connect(fast().build())) {
            DeviceException e = assertThrows(DeviceException.class, () -> c.require(PowerControl.class).powerState());
            assertEquals("0xD4", e.deviceCode());
            assertTrue(e.getMessage().contains("Get Chassis Status refused: 0xD4 Insufficient privilege level"), e.getMessage());
            bmc.handler = m -> Bytes.of(0x42);
            e = assertThrows(DeviceException.class, () -> c.require(PowerControl.class).powerState());
            assertTrue(e.getMessage().contains("0x42 OEM error"), e.getMessage());
        }
    }

    @Test
    void duplicatedAndReplayedAnswersAreDroppedAndCounted() throws Exception {
        try (BmcClient c = connect(fast().build())) {
            DropCounters drops = SessionPool.shared().drops();
            long before = drops.get(DropReason.REPLAYED);
            bmc.duplicateAnswers = true;
            bmc.replayPreviousAnswer = true;
            for (int i = 0; i < 5; i++) {
                assertEquals(PowerState.ON, c.require(PowerControl.class).powerState());
            }
            Thread.sleep(100);
            assertTrue(drops.get(DropReason.REPLAYED) - before >= 5, drops.toString());
        }
    }

    /** What LossAndScaleInteropTest bounds its late-answer drops with: every attempt not waited for any more. */
    @Test
    void retransmittedAndGivenUpAttemptsAreCounted() throws Exception {
        try (BmcClient c = connect(fast().build())) {
            long before = SessionPool.shared().abandonedAttempts();
            assertEquals(PowerState.ON, c.require(PowerControl.class).powerState());
            assertEquals(before, SessionPool.shared().abandonedAttempts(), "an answered first attempt is not counted");
            bmc.silentCommands = 2;
            assertThrows(OperationTimeoutException.class, () -> c.require(PowerControl.class).powerState());
            // two attempts (retransmissions(1)): the first retransmitted, the second given up
            assertEquals(before + 2, SessionPool.shared().abandonedAttempts());
        }
    }

    @Test
    void aSilentBmcTimesOutAndTheNextCallOpensANewSession() throws Exception {
        try (BmcClient c = connect(fast().build())) {
            bmc.silentCommands = 2;
            long start = System.nanoTime();
            assertThrows(OperationTimeoutException.class, () -> c.require(PowerControl.class).powerState());
            assertTrue((System.nanoTime() - start) / 1_000_000 < 1000);
            assertEquals(PowerState.ON, c.require(PowerControl.class).powerState());
            assertEquals(2, bmc.openSessions.get());
        }
        // the broken session got a Close Session too (unanswered: it was broken), the new one a proper one
        assertTrue(bmc.closeSessions.get() >= 1);
    }

    @Test
    void anIdleSessionIsKeptAliveWithGetDeviceId() throws Exception {
        try (BmcClient c = connect(fast().keepAliveInterval(Duration.ofMillis(200)).build())) {
            Thread.sleep(700);
            assertTrue(bmc.commands.stream().filter("0x06/0x01"::equals).count() >= 2, bmc.commands.toString());
            assertEquals(PowerState.ON, c.require(PowerControl.class).powerState());
            assertEquals(1, bmc.openSessions.get());
        }
    }

    @Test
    void commandsArePacedByTheMinimumInterval() throws Exception {
        try (BmcClient c = connect(fast().minCommandInterval(Duration.ofMillis(150)).build())) {
            PowerControl power = c.require(PowerControl.class);
            long start = System.nanoTime();
            for (int i = 0; i < 4; i++) {
                power.powerState();
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms >= 450, "4 paced commands took " + ms + " ms");
        }
    }

    @Test
    void clientsOfOneBmcShareOneSessionClosedWithTheLastClient() throws Exception {
        BmcClient a = connect(fast().build());
        BmcClient b = connect(fast().build());
        assertEquals(1, bmc.openSessions.get());
        assertEquals(1, SessionPool.shared().size());
        a.close();
        PowerControl power = b.require(PowerControl.class);
        assertEquals(PowerState.ON, power.powerState());
        assertEquals(0, bmc.closeSessions.get());
        b.close();
        assertEquals(1, bmc.closeSessions.get());
        assertEquals(org.bmsdk.api.UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE,
                assertThrows(org.bmsdk.api.UnsupportedCapabilityException.class, () -> b.require(PowerControl.class)).reason());
        // a capability kept past close does not reopen a session behind the pool's back
        assertThrows(org.bmsdk.api.TransportException.class, power::powerState);
        assertEquals(1, bmc.openSessions.get());
    }

    @Test
    void theShutdownHookClosesEverySessionStillOpen() throws Exception {
        SessionPool pool = new SessionPool();
        FakeBmc other = new FakeBmc("admin", PASSWORD);
        try {
            SessionPool.Lease a = pool.acquire(new java.net.InetSocketAddress("127.0.0.1", bmc.port()), "admin",
                    org.bmsdk.api.credentials.Secret.of(PASSWORD), fast().build(), bmc.uri(), java.time.Clock.systemUTC(),
                    Sleeper.THREAD, Duration.ofSeconds(5));
            SessionPool.Lease b = pool.acquire(new java.net.InetSocketAddress("127.0.0.1", other.port()), "admin",
                    org.bmsdk.api.credentials.Secret.of(PASSWORD), fast().build(), other.uri(), java.time.Clock.systemUTC(),
                    Sleeper.THREAD, Duration.ofSeconds(5));
            pool.closeAllOnShutdown();
            assertEquals(1, bmc.closeSessions.get());
            assertEquals(1, other.closeSessions.get());
            a.close();
            b.close();
            assertEquals(1, bmc.closeSessions.get(), "Close Session goes once");
            assertEquals(0, pool.size());
        } finally {
            other.close();
        }
    }

    @Test
    void anotherPasswordNeverRidesOnAnOpenSession() throws Exception {
        try (BmcClient a = connect(fast().build())) {
            assertThrows(AuthenticationException.class, () -> connect(fast().build(), "wrong").close());
            assertEquals(1, SessionPool.shared().size());
            assertEquals(PowerState.ON, a.require(PowerControl.class).powerState());
        }
    }
}
