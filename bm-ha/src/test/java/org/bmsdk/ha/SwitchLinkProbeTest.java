package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.bmsdk.api.ha.ProbeResult;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.network.NetworkRole;
import org.junit.jupiter.api.Test;

/** The SWITCH_LINK probe over the rig's node n1, cabled to tor-1 Ethernet1/1 and Ethernet1/2. */
class SwitchLinkProbeTest {

    private final Rig rig = new Rig();
    private final SwitchLinkProbe probe = SwitchLinkProbe.create(rig.networks, rig.links, rig.clock, Duration.ofMillis(500));
    private final Node n1 = rig.node(Rig.N1);

    @Test
    void upWhileAnyPortHasLinkDownWhenNoneHas() {
        rig.links.set("tor-1", "Ethernet1/1", false);
        rig.links.set("tor-1", "Ethernet1/2", true);
        ProbeResult r = probe.probe(n1);
        assertEquals(ProbeResult.Status.UP, r.status(), r.detail());
        assertEquals("link on tor-1 Ethernet1/2", r.detail());

        rig.links.set("tor-1", "Ethernet1/2", false);
        rig.clock.advance(Duration.ofSeconds(1));
        r = probe.probe(n1);
        assertEquals(ProbeResult.Status.DOWN, r.status(), r.detail());
        assertEquals("no link on tor-1 Ethernet1/1, tor-1 Ethernet1/2", r.detail());
    }

    @Test
    void oneReadingOfASwitchServesEveryProbeWithinItsAge() {
        rig.links.set("tor-1", "Ethernet1/1", true);
        for (int i = 0; i < 5; i++) {
            assertEquals(ProbeResult.Status.UP, probe.probe(n1).status());
        }
        assertEquals(1, rig.links.reads.get());
        rig.clock.advance(Duration.ofMillis(501));
        probe.probe(n1);
        assertEquals(2, rig.links.reads.get());
    }

    @Test
    void aHungSwitchHoldsOneProbeThreadAndTheOthersAnswerUnknownWithinMaxAge() throws Exception {
        rig.links.set("tor-1", "Ethernet1/1", true);
        rig.links.hang = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CompletableFuture<ProbeResult> first = java.util.concurrent.CompletableFuture.supplyAsync(() -> probe.probe(n1));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (rig.links.reads.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // Another probe thread, for the same switch: it must not wait for the hung read (a get
        // with a timeout, so that a probe that does wait fails the test rather than hangs it).
        ProbeResult other = java.util.concurrent.CompletableFuture.supplyAsync(() -> probe.probe(n1))
                .get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(ProbeResult.Status.UNKNOWN, other.status(), other.detail());
        assertTrue(other.detail().contains("being read by another probe"), other.detail());
        assertEquals(1, rig.links.reads.get(), "one read of the hung switch");

        rig.links.hang.countDown();
        assertEquals(ProbeResult.Status.UP, first.get(10, java.util.concurrent.TimeUnit.SECONDS).status());
    }

    @Test
    void unknownWhenItCannotTell() {
        // No link state read for its ports (a driver that reads none).
        assertEquals(ProbeResult.Status.UNKNOWN, probe.probe(n1).status());

        rig.links.set("tor-1", "Ethernet1/1", true);
        rig.links.unreachable = true;
        rig.clock.advance(Duration.ofSeconds(1));
        ProbeResult r = probe.probe(n1);
        assertEquals(ProbeResult.Status.UNKNOWN, r.status());
        assertTrue(r.detail().contains("unreachable"), r.detail());

        rig.links.unreachable = false;
        rig.networks.flip(Rig.N1, NetworkRole.IDLE);
        rig.links.set("tor-1", "Ethernet1/1", false);
        rig.clock.advance(Duration.ofSeconds(1));
        r = probe.probe(n1);
        assertEquals(ProbeResult.Status.UNKNOWN, r.status(), "ports shut on purpose have no link to expect: " + r.detail());

        Node unknown = Node.builder(org.bmsdk.api.model.NodeId.of("x9")).build();
        assertEquals(ProbeResult.Status.UNKNOWN, probe.probe(unknown).status());
    }
}
