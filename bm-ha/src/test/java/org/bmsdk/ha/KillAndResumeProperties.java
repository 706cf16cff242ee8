package org.bmsdk.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;

/**
 * A controller killed at any write of its progress (before a step, or after a step acted but before
 * it was recorded), then another controller resuming over the same store once the lease ran out:
 * the failover completes exactly once, with every effect applied once.
 */
class KillAndResumeProperties {

    /** Writes of one uninterrupted failover: the create, then a begin and an end for each of the 8 steps. */
    private static final int WRITES = 17;

    @Property
    void killedAnywhereAndResumedItCompletesExactlyOnce(@ForAll @IntRange(min = 1, max = WRITES) int killAt,
            @ForAll @IntRange(min = 0, max = WRITES) int killResumedAt) {
        KillingStore store = new KillingStore(InMemoryStore.create());
        Rig rig = new Rig(store);
        rig.bmcs.get("n1").hostUp = false;

        store.killAt(killAt);
        try (FailoverOrchestrator first = rig.orchestrator("c1").build()) {
            assertThrows(Killed.class, () -> first.trigger(Rig.N1, "host silent", true));
        }
        store.killAt(killResumedAt == 0 ? Integer.MAX_VALUE : store.writes.get() + killResumedAt);
        try (FailoverOrchestrator second = rig.orchestrator("c2").build()) {
            resume(rig, second);
        } catch (Killed again) {
            store.killAt(Integer.MAX_VALUE);
            try (FailoverOrchestrator third = rig.orchestrator("c3").build()) {
                resume(rig, third);
            }
        }

        Failover f = FailoverOrchestrator.builder().store(store).fencer(rig.fencer()).bmcs(rig.bmcs).build().failover(Rig.N1).orElseThrow();
        assertEquals(Failover.State.DONE, f.state(), f.lastError());
        assertEquals(Rig.S2, f.spare());
        assertEquals(1, rig.count(HaEvent.Kind.FAILOVER_DONE), "done once");
        assertEquals(1, rig.bmcs.get("n1").powerOffs.get(), "fenced once");
        assertEquals(1, rig.bmcs.get("s2").powerOns.get(), "spare powered on once");
        assertEquals(0, rig.bmcs.get("s1").powerOns.get());
        assertEquals(1, rig.networks.binds.get(), "networks bound to the spare once");
        assertEquals(1, rig.storage.attaches.get(), "volume attached to the spare once");
        assertEquals(Set.of(Rig.connector(Rig.S2)), rig.storage.exports.get("vol-n1"));
        assertEquals(NetworkRole.TENANT, rig.networks.node(Rig.S2).orElseThrow().role());
        assertEquals(NetworkRole.IDLE, rig.networks.node(Rig.N1).orElseThrow().role());
        assertEquals(ProvisionState.ACTIVE, rig.node(Rig.S2).provisionState());
        assertEquals(ProvisionState.ERROR, rig.node(Rig.N1).provisionState());
        assertEquals(ProvisionState.AVAILABLE, rig.node(Rig.S1).provisionState());
        assertEquals(PowerState.OFF, rig.bmcs.get("s1").power);
        assertTrue(store.records(FailoverActions.SPARES).list().isEmpty());
    }

    @Example
    void anUninterruptedFailoverWritesItsProgressAsCounted() {
        KillingStore store = new KillingStore(InMemoryStore.create());
        Rig rig = new Rig(store);
        rig.bmcs.get("n1").hostUp = false;
        try (FailoverOrchestrator o = rig.orchestrator("c1").build()) {
            o.trigger(Rig.N1, "host silent", true);
        }
        assertEquals(WRITES, store.writes.get(), "the kill points above cover every write");
    }

    /** What a restarted controller's monitor does: resume what is on record, or start it again. */
    private static void resume(Rig rig, FailoverOrchestrator o) {
        rig.clock.advance(Duration.ofMinutes(7)); // past the lease of the dead controller
        List<Failover> resumed = o.resumeAll();
        if (resumed.isEmpty() && o.failover(Rig.N1).filter(Failover::active).isEmpty()) {
            o.trigger(Rig.N1, "host silent", true);
        }
    }

    /** The controller's death: thrown by the store at a chosen write of failover progress. */
    static final class Killed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Killed(int write) {
            super("killed at write " + write);
        }
    }

    /** A store that throws {@link Killed} at the n-th write to the failover records, and counts them. */
    static final class KillingStore implements Store {
        final Store delegate;
        final AtomicInteger writes = new AtomicInteger();
        volatile int killAt = Integer.MAX_VALUE;

        KillingStore(Store delegate) {
            this.delegate = delegate;
        }

        void killAt(int write) {
            killAt = write;
        }

        @Override
        public VersionedStore<NodeId, Node> nodes() {
            return delegate.nodes();
        }

        @Override
        public VersionedStore<String, String> records(String namespace) {
            VersionedStore<String, String> inner = delegate.records(namespace);
            if (!namespace.equals(FailoverOrchestrator.NAMESPACE)) {
                return inner;
            }
            return new VersionedStore<>() {
                @Override
                public Optional<Versioned<String, String>> get(String key) {
                    return inner.get(key);
                }

                @Override
                public Versioned<String, String> create(String key, String value) {
                    kill();
                    return inner.create(key, value);
                }

                @Override
                public Versioned<String, String> update(String key, String value, long expectedVersion) {
                    kill();
                    return inner.update(key, value, expectedVersion);
                }

                @Override
                public void delete(String key, long expectedVersion) {
                    kill();
                    inner.delete(key, expectedVersion);
                }

                @Override
                public List<Versioned<String, String>> list() {
                    return inner.list();
                }
            };
        }

        private void kill() {
            int n = writes.incrementAndGet();
            if (n == killAt) {
                throw new Killed(n);
            }
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
