package org.bmsdk.hardware.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.SystemEventLog;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.hardware.ipmi.IpmiDriverProvider;
import org.bmsdk.hardware.ipmi.IpmiOptions;
import org.bmsdk.hardware.ipmi.peers.IpmiSim;
import org.bmsdk.hardware.ipmi.peers.LossyUdpRelay;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ipmi_sim behind a lossy link, and many sessions over one socket. */
@Tag("interop")
class LossAndScaleInteropTest {

    @Test
    void sessionsAndCommandsSurviveFivePercentPacketLoss(@TempDir Path dir) throws Exception {
        try (IpmiSim sim = IpmiSim.start(dir, null); LossyUdpRelay relay = new LossyUdpRelay(sim.port(), 0.05, Long.getLong("bm.test.lossSeed", 42))) {
            IpmiOptions options = IpmiSimInteropTest.options().responseTimeout(Duration.ofMillis(150)).retransmissions(8).build();
            BmcEndpoint endpoint = BmcEndpoint.builder("ipmi://127.0.0.1:" + relay.port())
                    .credentials(CredentialRef.inline(Credentials.of(IpmiSim.ADMIN, sim.password()))).build();
            for (int round = 0; round < 3; round++) {
                try (BmcClient bmc = IpmiDriverProvider.create(options).connect(endpoint, DriverContext.defaults())) {
                    PowerControl power = bmc.require(PowerControl.class);
                    power.perform(PowerAction.ON, Duration.ofSeconds(20));
                    assertTrue(sim.powerOn());
                    bmc.require(BootControl.class).setBootOverride(BootOverride.once(BootDevice.PXE));
                    assertEquals("pxe", sim.boot());
                    assertEquals(2, bmc.require(SystemEventLog.class).entries().size());
                    for (int i = 0; i < 15; i++) {
                        assertEquals(PowerState.ON, power.powerState());
                    }
                    power.perform(PowerAction.OFF, Duration.ofSeconds(20));
                    assertTrue(!sim.powerOn());
                }
            }
            assertTrue(relay.dropped() > 0, "the relay lost " + relay.dropped() + " of " + (relay.dropped() + relay.forwarded()));
        }
    }

    /**
     * Fifty sessions at once, ten each with five ipmi_sim instances, all over one UDP socket and
     * one I/O thread, each running commands from its own caller thread.
     */
    @Test
    void fiftyConcurrentSessionsShareOneSocket(@TempDir Path dir) throws Exception {
        int bmcs = 5;
        int perBmc = 10;
        List<IpmiSim> sims = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(bmcs * perBmc);
        try (UdpTransport transport = UdpTransport.open("mux")) {
            for (int i = 0; i < bmcs; i++) {
                sims.add(IpmiSim.start(java.nio.file.Files.createDirectory(dir.resolve("bmc" + i)), null));
            }
            IpmiOptions options = IpmiSimInteropTest.options()
                    // -Dbm.test.muxTimeoutMs=50 provokes the retransmissions a loaded machine causes
                    .responseTimeout(Duration.ofMillis(Integer.getInteger("bm.test.muxTimeoutMs", 500))).build();
            List<Future<IpmiSession>> opened = new ArrayList<>();
            for (IpmiSim sim : sims) {
                for (int j = 0; j < perBmc; j++) {
                    opened.add(callers.submit(() -> {
                        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", sim.port());
                        IpmiSession s = new SessionEstablisher(transport, peer, sim.uri(), options, Clock.systemUTC(), Sleeper.THREAD,
                                Duration.ofSeconds(20)).open(IpmiSim.ADMIN, Secret.of(sim.password()));
                        for (int k = 0; k < 10; k++) {
                            IpmiResponse r = s.call(Commands.getChassisStatus(), ErrorContext.NONE);
                            assertTrue(r.ok());
                        }
                        return s;
                    }));
                }
            }
            List<IpmiSession> sessions = new ArrayList<>();
            for (Future<IpmiSession> f : opened) {
                sessions.add(f.get(60, TimeUnit.SECONDS));
            }
            Set<Integer> ids = new HashSet<>();
            sessions.forEach(s -> ids.add(s.security().consoleSessionId()));
            assertEquals(bmcs * perBmc, ids.size());
            assertEquals(bmcs * perBmc, transport.routeCount(), "one route per open session, nothing else left behind");
            long ioThreads = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("mux-")).count();
            assertEquals(2, ioThreads, "one I/O thread and one timer thread for all sessions");
            List<Future<?>> closing = new ArrayList<>();
            sessions.forEach(s -> closing.add(s.closeAsync()));
            for (Future<?> f : closing) {
                f.get(10, TimeUnit.SECONDS);
            }
            assertEquals(0, transport.routeCount());
            // Under load (a busy machine, ipmi_sim slower than the 500 ms attempt timeout) requests
            // are retransmitted, and the first answer then comes after the second one completed the
            // call, or after the session closed: dropped as UNEXPECTED (a late answer) or UNROUTED
            // (nobody waits). Those are the protocol working. A bug would show as an answer given to
            // the wrong session (its HMAC fails there: BAD_INTEGRITY), a replay, a packet we cannot
            // parse, or more stray answers than requests we stopped waiting for.
            Map<DropReason, Long> drops = transport.drops().snapshot();
            long late = drops.getOrDefault(DropReason.UNROUTED, 0L) + drops.getOrDefault(DropReason.UNEXPECTED, 0L);
            Map<DropReason, Long> bugs = new EnumMap<>(drops);
            bugs.remove(DropReason.UNROUTED);
            bugs.remove(DropReason.UNEXPECTED);
            assertEquals(Map.of(), bugs, "no drop of a kind that means a bug: " + transport.drops());
            System.out.printf("fifty sessions: %s, %d attempts retransmitted or given up%n", transport.drops(),
                    transport.abandonedAttempts());
            assertTrue(late <= transport.abandonedAttempts(), late + " late answers dropped, but only "
                    + transport.abandonedAttempts() + " requests were retransmitted or given up: " + transport.drops());
        } finally {
            callers.shutdownNow();
            sims.forEach(IpmiSim::close);
        }
    }
}
