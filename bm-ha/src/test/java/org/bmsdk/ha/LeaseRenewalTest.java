package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.workflow.BootSource;
import org.bmsdk.ha.internal.FailoverRecord;
import org.junit.jupiter.api.Test;

/**
 * A step that acts for longer than the failover's lease keeps it: the lease is renewed while the
 * step runs, so another controller does not take over a live one, and a record taken from under
 * it stops it.
 */
class LeaseRenewalTest {

    private static final Duration LEASE = Duration.ofMillis(300);

    private final Rig rig = new Rig();

    @Test
    void aStepLongerThanTheLeaseKeepsItAndAnotherControllerWaits() throws Exception {
        rig.protection = new Protection(FailoverPolicy.AUTOMATIC, Requirements.parse("resource_class == gpu"), BootSource.disk());
        rig.bmcs.get("n1").hostUp = false;
        CountDownLatch restoring = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger restores = new AtomicInteger();
        SnapshotRestorer slow = (from, onto) -> {
            restores.incrementAndGet();
            restoring.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "snapshot 7 of " + from;
        };
        try (FailoverOrchestrator c1 = rig.orchestrator("c1").restorer(slow).lease(LEASE).build();
                FailoverOrchestrator c2 = rig.orchestrator("c2").restorer(slow).lease(LEASE).build()) {
            CompletableFuture<Failover> run = CompletableFuture.supplyAsync(() -> c1.trigger(Rig.N1, "host silent", true).orElseThrow());
            assertTrue(restoring.await(10, TimeUnit.SECONDS), "never reached PREPARE_BOOT");
            Instant leaseAtStart = leaseUntil();
            for (int i = 0; i < 5; i++) {
                // Time passes well beyond the lease the step began with; the renewals follow it.
                rig.clock.advance(LEASE);
                // Until c1's renewal (every third of the lease, on real time) has followed the clock.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!leaseUntil().isAfter(rig.clock.instant()) && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertTrue(c2.resumeAll().isEmpty(), "c2 took over a failover whose controller lives, round " + i);
            }
            assertTrue(leaseUntil().isAfter(leaseAtStart.plus(LEASE.multipliedBy(3))), "lease not renewed: " + leaseUntil());
            assertTrue(leaseUntil().isAfter(rig.clock.instant()));
            release.countDown();
            Failover f = run.get(10, TimeUnit.SECONDS);
            assertEquals(Failover.State.DONE, f.state(), f.lastError());
        }
        assertEquals(1, restores.get(), "restored once");
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE));
        assertEquals(1, rig.bmcs.get("s2").powerOns.get());
    }

    @Test
    void aStepWhoseRecordIsTakenFromUnderItIsStoppedAndWritesNothingMore() throws Exception {
        rig.protection = new Protection(FailoverPolicy.AUTOMATIC, Requirements.parse("resource_class == gpu"), BootSource.disk());
        rig.bmcs.get("n1").hostUp = false;
        CountDownLatch restoring = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        SnapshotRestorer hangs = (from, onto) -> {
            restoring.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
                Thread.currentThread().interrupt();
            }
            return "never";
        };
        try (FailoverOrchestrator c1 = rig.orchestrator("c1").restorer(hangs).lease(LEASE).build()) {
            CompletableFuture<Failover> run = CompletableFuture.supplyAsync(() -> c1.trigger(Rig.N1, "host silent", true).orElseThrow());
            assertTrue(restoring.await(10, TimeUnit.SECONDS));
            // Another controller's write (as after a long pause of c1 past its lease).
            var records = rig.store.records(FailoverOrchestrator.NAMESPACE);
            records.modify("n1", text -> FailoverRecord.decode(text).with("owner", "c9").encode());
            Failover f = run.get(10, TimeUnit.SECONDS);
            assertTrue(interrupted.await(5, TimeUnit.SECONDS), "the step was not cancelled");
            assertEquals(Failover.State.RUNNING, f.state());
            assertEquals(FailoverStep.PREPARE_BOOT, f.step());
            assertEquals("c9", FailoverRecord.decode(records.get("n1").orElseThrow().value()).get("owner"), "c1 wrote after losing it");
        }
        assertEquals(0, rig.bmcs.get("s2").powerOns.get(), "nothing acted after the lease was lost");
    }

    private Instant leaseUntil() {
        return Instant.parse(FailoverRecord.decode(rig.store.records(FailoverOrchestrator.NAMESPACE).get("n1").orElseThrow().value())
                .get("leaseUntil"));
    }
}
