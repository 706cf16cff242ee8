package org.bmsdk.api.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.bmsdk.api.store.InMemoryStore;
import org.bmsdk.api.store.Versioned;

/**
 * The workflows' safety under random interleavings of allocate, deploy, release, clean, driver
 * faults and crashes (each crash followed by a restart: a fresh {@link NodeWorkflows} on the same
 * store, and {@link NodeWorkflows#resume()}): no node is handed to a tenant without cleaning since
 * its last owner, and no node is ever owned twice.
 */
class WorkflowPropertiesTest {

    private static final List<String> TENANTS = List.of("t1", "t2", "t3");

    /** One thing that happens to the fleet. */
    record Op(Kind kind, int arg) {
        enum Kind { ALLOCATE, DEPLOY, RELEASE, CLEAN, FAIL_DEVICE, CRASH, CRASH_AGAIN_IN_RESUME }

        @Override
        public String toString() {
            return kind + "(" + arg + ")";
        }
    }

    @Property(tries = 300)
    void noTenantSeesAnotherTenantsLeftoversAndNoNodeIsOwnedTwice(@ForAll("ops") List<Op> ops) {
        Fleet fleet = new Fleet();
        for (Op op : ops) {
            fleet.apply(op);
            fleet.check();
        }
        Statistics.label("deploys").collect(fleet.deploys > 0 ? "deployed" : "none deployed");
        Statistics.label("crashes").collect(fleet.lab.faults.storeFaults == 0 ? "none"
                : fleet.crashesInResume > 0 ? "crashed, and again in resume" : "crashed");
        fleet.recoverAll();
        fleet.check();
    }

    @Property(tries = 50)
    void concurrentAllocationsTakeEachNodeExactlyOnce(@ForAll @IntRange(min = 1, max = 5) int nodes,
            @ForAll @IntRange(min = 1, max = 8) int callers) throws Exception {
        FakeLab lab = new FakeLab();
        InMemoryStore store = InMemoryStore.create();
        NodeWorkflows w = lab.workflows(store).build();
        for (int i = 0; i < nodes; i++) {
            Node n = w.enroll(lab.enrolled("n" + i, 8, 16384));
            w.verify(n.id());
            w.inspect(n.id());
            w.provide(n.id());
        }
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<NodeId>> results = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                String tenant = "c" + c;
                results.add(pool.submit(() -> {
                    go.await();
                    try {
                        return w.allocate(Requirements.none(), tenant, null).id();
                    } catch (ConflictException none) {
                        return null;
                    }
                }));
            }
            go.countDown();
            Map<NodeId, Integer> taken = new HashMap<>();
            for (int c = 0; c < callers; c++) {
                NodeId got = results.get(c).get(30, TimeUnit.SECONDS);
                if (got != null) {
                    assertNull(taken.put(got, c), "node " + got + " handed to two callers");
                    assertEquals("c" + c, store.nodes().get(got).orElseThrow().value().owner().orElseThrow());
                }
            }
            assertEquals(Math.min(nodes, callers), taken.size(), "every caller that could get a node got one");
        } finally {
            pool.shutdownNow();
        }
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, TENANTS.size() - 1).map(i -> new Op(Op.Kind.ALLOCATE, i))),
                net.jqwik.api.Tuple.of(4, Arbitraries.integers().between(0, 5).map(i -> new Op(Op.Kind.DEPLOY, i))),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 2).map(i -> new Op(Op.Kind.RELEASE, i))),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 2).map(i -> new Op(Op.Kind.CLEAN, i))),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 12).map(i -> new Op(Op.Kind.FAIL_DEVICE, i))),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(1, 8).map(i -> new Op(Op.Kind.CRASH, i))),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1, 6).map(i -> new Op(Op.Kind.CRASH_AGAIN_IN_RESUME, i))));
        return op.list().ofMinSize(4).ofMaxSize(30);
    }

    /** Three nodes on fakes, the workflows over them, and the ghost state the checks compare with. */
    static final class Fleet {
        final FakeLab lab = new FakeLab();
        final FaultyStore store = new FaultyStore(lab.faults);
        final List<NodeId> ids = new ArrayList<>();
        /** Who holds each node, by the allocations that returned it; cleared when its store owner is. */
        final Map<NodeId, String> holder = new HashMap<>();
        NodeWorkflows workflows = lab.workflows(store).build();
        int deploys;
        /** When set, the next restart crashes again at this store write of its resume, and restarts once more. */
        int crashInNextResume;
        int crashesInResume;

        Fleet() {
            for (int i = 0; i < 3; i++) {
                Node n = workflows.enroll(lab.enrolled("n" + i, 8 * (i + 1), 16384L * (i + 1)));
                lab.machine(n.id()).offersDiskErase = i == 2;
                workflows.verify(n.id());
                workflows.inspect(n.id());
                workflows.provide(n.id());
                lab.storage.create(new VolumeSpec("vol-n" + i + "-0", 1L << 30, false));
                lab.storage.create(new VolumeSpec("vol-n" + i + "-1", 1L << 30, false));
                ids.add(n.id());
            }
        }

        Node node(NodeId id) {
            return store.backing.nodes().get(id).orElseThrow().value();
        }

        void apply(Op op) {
            switch (op.kind()) {
                case FAIL_DEVICE -> lab.faults.failDeviceCall(op.arg());
                case CRASH -> lab.faults.crashAtStoreWrite(op.arg());
                case CRASH_AGAIN_IN_RESUME -> crashInNextResume = op.arg();
                default -> attempt(op);
            }
            restartIfNeeded();
        }

        private void attempt(Op op) {
            try {
                switch (op.kind()) {
                    case ALLOCATE -> allocate(TENANTS.get(op.arg()));
                    case DEPLOY -> deploy(ownedFirst(op.arg() % 3), op.arg() / 3);
                    case RELEASE -> workflows.release(ids.get(op.arg()));
                    case CLEAN -> clean(ids.get(op.arg()));
                    default -> throw new AssertionError(op);
                }
            } catch (BareMetalException expected) {
                // A refused move, an injected fault or a crash: the checks say whether it was handled safely.
            }
        }

        private void allocate(String tenant) {
            Node n = workflows.allocate(Requirements.none(), tenant, null);
            assertNull(holder.get(n.id()), "node " + n.id() + " allocated to " + tenant + " while " + holder.get(n.id()) + " holds it");
            holder.put(n.id(), tenant);
            FakeMachine m = lab.machine(n.id());
            assertTrue(m.dataOwner == null, "node " + n.id() + " allocated holding data of " + m.dataOwner);
        }

        /** An owned node when there is one (deploying is mostly asked for those), else any. */
        private NodeId ownedFirst(int i) {
            List<NodeId> owned = ids.stream().filter(id -> node(id).owner().isPresent()).toList();
            return owned.isEmpty() ? ids.get(i) : owned.get(i % owned.size());
        }

        /** Deploys one of the node's two volumes, so that a redeploy may change it. */
        private void deploy(NodeId id, int volume) {
            Node n = node(id);
            DeployRequest request = DeployRequest.builder()
                    .binding(PortBinding.of(n.ports().get(0).link(), n.owner().orElse("t1") + "/net"))
                    .volume("vol-" + id.value() + "-" + volume).connector(initiator(id))
                    .boot(BootSource.volume()).build();
            workflows.deploy(id, request);
            deploys++;
        }

        static VolumeConnector initiator(NodeId id) {
            return VolumeConnector.iscsi("iqn.2026-01.org.example:" + id.value());
        }

        private void clean(NodeId id) {
            ProvisionState s = node(id).provisionState();
            if (s == ProvisionState.CLEAN_FAILED || s == ProvisionState.INSPECT_FAILED) {
                workflows.manage(id);
            }
            workflows.provide(id);
        }

        /** After a crash (or a failure whose recording crashed), restart as a controller would. */
        private void restartIfNeeded() {
            boolean transientLeft = ids.stream().anyMatch(id -> node(id).provisionState().isTransient());
            if (!transientLeft) {
                return;
            }
            lab.faults.clear();
            if (crashInNextResume > 0) {
                lab.faults.crashAtStoreWrite(crashInNextResume);
                crashInNextResume = 0;
                crashesInResume++;
                try {
                    lab.workflows(store).build().resume();
                } catch (BareMetalException crashed) {
                    // resume gives up on a node whose workflow fails; a crash of the store ends it too
                }
                lab.faults.clear();
            }
            workflows = lab.workflows(store).build();
            workflows.resume();
            for (NodeId id : ids) {
                assertFalse(node(id).provisionState().isTransient(), "resume left " + node(id));
            }
        }

        void check() {
            assertEquals(List.of(), lab.violations);
            for (NodeId id : ids) {
                Node n = node(id);
                FakeMachine m = lab.machine(id);
                if (n.owner().isEmpty()) {
                    holder.remove(id);
                } else {
                    assertEquals(holder.get(id), n.owner().get(), "owner of " + id + " changed without an allocation");
                }
                if (n.provisionState() == ProvisionState.AVAILABLE) {
                    assertNull(m.dataOwner, id + " is AVAILABLE holding data of " + m.dataOwner);
                    assertFalse(m.bios.containsKey("TenantTweak"), id + " is AVAILABLE with a tenant's BIOS settings");
                    List<String> exported = lab.storage.list().stream().filter(v -> v.attachedTo().contains(initiator(id)))
                            .map(v -> v.id()).toList();
                    assertEquals(List.of(), exported, id + " is AVAILABLE with a tenant's volumes exported to it");
                }
                lab.networks.node(id).ifPresent(net -> {
                    if (net.tenant() != null) {
                        assertEquals(n.owner().orElse(null), net.tenant(), id + " is on networks of a tenant that does not own it");
                    }
                });
            }
        }

        /** With faults gone, every node gets back to AVAILABLE and unowned: nothing is stuck. */
        void recoverAll() {
            lab.faults.clear();
            for (NodeId id : ids) {
                for (int i = 0; i < 6 && !(node(id).provisionState() == ProvisionState.AVAILABLE && node(id).owner().isEmpty()); i++) {
                    switch (node(id).provisionState()) {
                        case ACTIVE, DEPLOY_FAILED, ERROR, AVAILABLE -> workflows.release(id);
                        case CLEAN_FAILED, INSPECT_FAILED -> workflows.manage(id);
                        case MANAGEABLE -> workflows.provide(id);
                        case ENROLL -> workflows.verify(id);
                        default -> throw new AssertionError("unexpected " + node(id));
                    }
                }
                Node n = node(id);
                assertEquals(ProvisionState.AVAILABLE, n.provisionState(), n.toString());
                assertTrue(n.owner().isEmpty());
            }
            Set<String> owners = new HashSet<>();
            store.backing.nodes().list().stream().map(Versioned::value).forEach(n -> n.owner().ifPresent(owners::add));
            assertEquals(Set.of(), owners);
            assertTrue(lab.storage.list().stream().allMatch(v -> v.attachedTo().isEmpty()), "volumes left attached: " + lab.storage.list());
        }
    }
}
