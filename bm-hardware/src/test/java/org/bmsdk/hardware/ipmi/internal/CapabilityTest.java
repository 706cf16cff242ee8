package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.HealthReport;
import org.bmsdk.api.bmc.HealthStatus;
import org.bmsdk.api.bmc.LogEntry;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.SystemEventLog;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Power, health and SEL logic against {@link FakeBmc}, on a clock that only the sleeper moves. */
class CapabilityTest {

    /** A clock that moves only when the driver sleeps. */
    static final class StepClock extends Clock {
        volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    FakeBmc bmc;
    StepClock clock = new StepClock();
    Duration slept = Duration.ZERO;
    volatile boolean on;
    volatile boolean ignoreSoftOff;
    volatile int chassisFaults;
    final List<Integer> controls = new ArrayList<>();
    final List<byte[]> sel = new ArrayList<>();
    final AtomicInteger cancelReservations = new AtomicInteger();
    final List<String> events = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        bmc = new FakeBmc("admin", "pw");
        bmc.handler = this::chassis;
    }

    @AfterEach
    void stop() throws Exception {
        bmc.close();
    }

    private byte[] chassis(LanMessage m) {
        int key = m.netFn() << 8 | m.command();
        switch (key) {
            case 0x0001:
                return Bytes.of(0x00, (on ? 1 : 0) | chassisFaults & 0xFE, 0x00, chassisFaults >>> 8);
            case 0x0002: {
                int action = m.body()[0];
                controls.add(action);
                if (action == 0 || action == 5 && !ignoreSoftOff) {
                    on = false;
                } else if (action == 1 || action == 2) {
                    on = true;
                }
                return Bytes.of(0x00);
            }
            case 0x0A40:
                return Bytes.of(0x00, 0x51, sel.size(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02);
            case 0x0A42:
                return Bytes.of(0x00, 0x34, 0x12);
            case 0x0A43: {
                if (cancelReservations.getAndDecrement() > 0) {
                    return Bytes.of(0xC5);
                }
                int id = Bytes.shortLe(m.body(), 2);
                int index = id == 0 ? 0 : id - 1;
                int next = index + 1 < sel.size() ? index + 2 : 0xFFFF;
                return Bytes.concat(Bytes.of(0x00, next, next >>> 8), sel.get(index));
            }
            default:
                return Bytes.of(0xC1);
        }
    }

    BmcClient connect(IpmiOptions options) throws Exception {
        DriverContext context = DriverContext.builder().clock(clock).listener(new EventListener() {
            @Override
            public void operationSucceeded(ErrorContext operation, Duration elapsed) {
                events.add(operation.operation() + " ok");
            }

            @Override
            public void operationFailed(ErrorContext operation, Duration elapsed, org.bmsdk.api.BareMetalException error) {
                events.add(operation.operation() + " failed");
            }
        }).build();
        return IpmiClient.connect(BmcEndpoint.builder(bmc.uri()).credentials(CredentialRef.inline(Credentials.of("admin", "pw")))
                .build(), context, options, SessionPool.shared(), d -> {
                    slept = slept.plus(d);
                    clock.now = clock.now.plus(d);
                });
    }

    static IpmiOptions options() {
        return IpmiOptions.builder().responseTimeout(Duration.ofMillis(200)).build();
    }

    @Test
    void onWhenAlreadyOnSendsNoChassisControl() throws Exception {
        on = true;
        try (BmcClient c = connect(options())) {
            c.require(PowerControl.class).perform(PowerAction.ON, Duration.ofSeconds(5));
            assertEquals(List.of(), controls);
            assertEquals(List.of("power.on ok"), events);
        }
    }

    @Test
    void aMachineThatIgnoresSoftOffTimesOutByTheInjectedClock() throws Exception {
        on = true;
        ignoreSoftOff = true;
        try (BmcClient c = connect(options())) {
            OperationTimeoutException e = assertThrows(OperationTimeoutException.class,
                    () -> c.require(PowerControl.class).perform(PowerAction.SOFT_OFF, Duration.ofMinutes(5)));
            assertTrue(e.getMessage().contains("still ON after PT5M; expected OFF"), e.getMessage());
            assertTrue(slept.compareTo(Duration.ofMinutes(5)) >= 0 && slept.compareTo(Duration.ofMinutes(6)) < 0, slept.toString());
            assertEquals(List.of(5), controls);
            assertEquals(List.of("power.soft_off failed"), events);
        }
    }

    @Test
    void gracefulShutdownForcesOnlyWhenAsked() throws Exception {
        on = true;
        ignoreSoftOff = true;
        try (BmcClient c = connect(options())) {
            PowerControl power = c.require(PowerControl.class);
            assertThrows(OperationTimeoutException.class, () -> power.gracefulShutdown(Duration.ofMinutes(1), false));
            assertEquals(List.of(5), controls);
            assertTrue(on);
            assertFalse(power.gracefulShutdown(Duration.ofMinutes(1), true));
            assertEquals(List.of(5, 5, 0), controls);
            assertFalse(on);
            assertTrue(power.gracefulShutdown(Duration.ofMinutes(1), true), "already off counts as graceful");
        }
    }

    @Test
    void pollingEndsOnAClockThatNeverMoves() throws Exception {
        on = true;
        ignoreSoftOff = true;
        try (BmcClient c = IpmiClient.connect(BmcEndpoint.builder(bmc.uri())
                .credentials(CredentialRef.inline(Credentials.of("admin", "pw"))).build(),
                DriverContext.builder().clock(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC)).build(),
                options().toBuilder().powerPollInterval(Duration.ofMillis(10)).build(), SessionPool.shared(), d -> { })) {
            assertThrows(OperationTimeoutException.class,
                    () -> c.require(PowerControl.class).perform(PowerAction.SOFT_OFF, Duration.ofMillis(200)));
        }
    }

    @Test
    void chassisFaultBitsMakeHealthCriticalOrWarning() throws Exception {
        try (BmcClient c = connect(options())) {
            assertTrue(c.capability(SystemEventLog.class).isPresent());
            assertEquals(new HealthReport(HealthStatus.OK, List.of()), c.require(Health.class).health());
            chassisFaults = 0x08 << 8; // cooling/fan fault
            assertEquals(new HealthReport(HealthStatus.WARNING, List.of("cooling/fan fault")), c.require(Health.class).health());
            chassisFaults = 0x08 << 8 | 0x08; // and a main power fault
            assertEquals(new HealthReport(HealthStatus.CRITICAL, List.of("main power fault", "cooling/fan fault")),
                    c.require(Health.class).health());
        }
    }

    static byte[] event(int id, long ts, int sensorType, int number, int dirType, int d1, int d2, int d3) {
        return Bytes.of(id, id >>> 8, 0x02, (int) ts, (int) (ts >>> 8), (int) (ts >>> 16), (int) (ts >>> 24), 0x20, 0x00, 0x04,
                sensorType, number, dirType, d1, d2, d3);
    }

    @Test
    void aCriticalEventLaterDeassertedNoLongerCounts() throws Exception {
        long t = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        sel.add(event(1, t, 0x0C, 3, 0x6F, 0x01, 0xFF, 0xFF)); // memory: uncorrectable ECC asserted
        sel.add(event(2, t + 1, 0x07, 1, 0x6F, 0x0B, 0xFF, 0xFF)); // processor: machine check asserted
        sel.add(event(3, t + 2, 0x0C, 3, 0xEF, 0x01, 0xFF, 0xFF)); // memory: uncorrectable ECC deasserted
        sel.add(event(4, 100, 0x12, 0, 0x6F, 0x05, 0xFF, 0xFF)); // timestamp clock synch, pre-init time
        try (BmcClient c = connect(options())) {
            List<LogEntry> entries = c.require(SystemEventLog.class).entries();
            assertEquals(List.of("1", "2", "3", "4"), entries.stream().map(LogEntry::id).toList());
            assertEquals("Memory #0x03: Uncorrectable ECC (asserted)", entries.get(0).message());
            assertEquals(HealthStatus.CRITICAL, entries.get(0).severity());
            assertEquals(Instant.ofEpochSecond(t), entries.get(0).timestamp());
            assertEquals(HealthStatus.OK, entries.get(2).severity());
            assertEquals("System Event #0x00: Timestamp Clock Synch (asserted) (timestamp counts from BMC start)",
                    entries.get(3).message());
            HealthReport h = c.require(Health.class).health();
            assertEquals(HealthStatus.CRITICAL, h.status());
            assertEquals(List.of("SEL 2: Processor #0x01: Machine Check Exception (Uncorrectable) (asserted)"), h.faults());
        }
    }

    @Test
    void aCancelledReservationRestartsTheRead() throws Exception {
        sel.add(event(1, 0x60000000L, 0x04, 2, 0x01, 0x02, 0xFF, 0xFF));
        cancelReservations.set(1);
        try (BmcClient c = connect(options())) {
            List<LogEntry> entries = c.require(SystemEventLog.class).entries();
            assertEquals(1, entries.size());
            assertEquals("Fan #0x02: Lower Critical going low (asserted)", entries.get(0).message());
        }
    }
}
