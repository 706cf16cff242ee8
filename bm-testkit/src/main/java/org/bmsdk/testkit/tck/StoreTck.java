package org.bmsdk.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.model.Port;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.store.Versioned;
import org.bmsdk.api.store.VersionedStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The compatibility suite of stores: the behaviour every {@link Store} promises, after
 * {@link VersionedStore}'s Javadoc. A store's test extends it and says how to open an empty store
 * (and, for a store shared by several processes, a second instance over the same data). The suite
 * checks, on nodes and on records of named namespaces:
 *
 * <ul>
 *   <li>a created node reads back equal, every field of it ({@link #fullNode(String)}), at version 1,
 *       through either instance;</li>
 *   <li>creating a key twice is a retryable {@link ConflictException}, and the first value stays;</li>
 *   <li>an update grows the version by one; a stale or future version, or an absent key, is a
 *       conflict that changes nothing and names the current version;</li>
 *   <li>a delete needs the current version; a deleted key can be created again at version 1;</li>
 *   <li>lists are ordered by key (Java's {@code String} order, whatever the database's collation);
 *       namespaces are separate, and a bad namespace name is refused;</li>
 *   <li>{@code modify} applies a change, and conflicts on an absent key;</li>
 *   <li>concurrent writers through both instances lose no update; of concurrent creates of one key,
 *       and of concurrent deletes, exactly one wins.</li>
 * </ul>
 */
public abstract class StoreTck {

    /** Threads in the concurrency tests. */
    protected static final int THREADS = 8;
    /** Successful writes per thread in the concurrency tests. */
    protected static final int WRITES_PER_THREAD = 25;

    private Store store;
    private Store second;

    /**
     * Opens an empty store.
     *
     * @return the store
     * @throws Exception when it cannot be opened
     */
    protected abstract Store openStore() throws Exception;

    /**
     * Opens another store over the same storage as {@link #store}, to show that compare-and-set
     * holds between instances; by default the same instance.
     *
     * @return a store over the same data
     * @throws Exception when it cannot be opened
     */
    protected Store openSecondStore() throws Exception {
        return store;
    }

    /** @return the store under test, opened before each test and closed after it */
    protected final Store store() {
        return store;
    }

    @BeforeEach
    void open() throws Exception {
        store = openStore();
        second = openSecondStore();
    }

    @AfterEach
    void close() {
        if (second != store) {
            second.close();
        }
        store.close();
    }

    @Test
    void aCreatedNodeReadsBackEqualAtVersionOne() {
        Node node = fullNode("n1");
        Versioned<NodeId, Node> created = store.nodes().create(node.id(), node);
        assertEquals(new Versioned<>(node.id(), node, 1), created);
        assertEquals(created, store.nodes().get(node.id()).orElseThrow());
        assertEquals(created, second.nodes().get(node.id()).orElseThrow());
        assertTrue(store.nodes().get(NodeId.of("absent")).isEmpty());
    }

    @Test
    void creatingTwiceConflicts() {
        store.nodes().create(NodeId.of("n1"), bareNode("n1"));
        assertThrows(ConflictException.class, () -> store.nodes().create(NodeId.of("n1"), fullNode("n1")));
        assertEquals(bareNode("n1"), store.nodes().get(NodeId.of("n1")).orElseThrow().value());

        store.records("alloc").create("k", "a");
        ConflictException e = assertThrows(ConflictException.class, () -> second.records("alloc").create("k", "b"));
        assertTrue(e.isRetryable());
        assertEquals("a", store.records("alloc").get("k").orElseThrow().value());
    }

    @Test
    void anUpdateGrowsTheVersionByOne() {
        VersionedStore<String, String> r = store.records("ns");
        r.create("k", "v1");
        assertEquals(new Versioned<>("k", "v2", 2), r.update("k", "v2", 1));
        assertEquals(new Versioned<>("k", "v3", 3), r.update("k", "v3", 2));
        assertEquals(new Versioned<>("k", "v3", 3), r.get("k").orElseThrow());
    }

    @Test
    void anUpdateWithAStaleVersionConflictsAndNamesTheCurrentOne() {
        VersionedStore<NodeId, Node> nodes = store.nodes();
        NodeId id = NodeId.of("n1");
        nodes.create(id, bareNode("n1"));
        nodes.update(id, fullNode("n1"), 1);
        ConflictException e = assertThrows(ConflictException.class, () -> nodes.update(id, bareNode("n1"), 1));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
        assertEquals(fullNode("n1"), nodes.get(id).orElseThrow().value());
        assertThrows(ConflictException.class, () -> nodes.update(id, bareNode("n1"), 3));
    }

    @Test
    void anUpdateOfAnAbsentKeyConflicts() {
        ConflictException e = assertThrows(ConflictException.class, () -> store.records("ns").update("nope", "v", 1));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
        assertTrue(store.records("ns").get("nope").isEmpty());
    }

    @Test
    void aDeleteWithTheWrongVersionConflictsAndTheRightOneDeletes() {
        VersionedStore<String, String> r = store.records("ns");
        r.create("k", "v1");
        r.update("k", "v2", 1);
        assertThrows(ConflictException.class, () -> r.delete("k", 1));
        assertThrows(ConflictException.class, () -> r.delete("k", 3));
        assertTrue(r.get("k").isPresent());
        r.delete("k", 2);
        assertTrue(r.get("k").isEmpty());
        assertThrows(ConflictException.class, () -> r.delete("k", 2));
        assertEquals(new Versioned<>("k", "again", 1), r.create("k", "again"));
    }

    @Test
    void listIsOrderedByKey() {
        List<String> keys = new ArrayList<>(List.of("b", "a", "B", "A", "a-1", "a_1", "a.1", "Z9", "0", "\u00e9", "\u6771", "aa", ""));
        Collections.shuffle(keys, new Random(42));
        VersionedStore<String, String> r = store.records("ns");
        for (String k : keys) {
            r.create(k, "value of " + k);
        }
        List<String> sorted = new ArrayList<>(keys);
        Collections.sort(sorted);
        assertEquals(sorted, r.list().stream().map(Versioned::key).toList());
        assertEquals("value of a", r.list().get(sorted.indexOf("a")).value());

        for (String id : List.of("n-2", "n-10", "N-1", "n-1")) {
            store.nodes().create(NodeId.of(id), fullNode(id));
        }
        assertEquals(List.of("N-1", "n-1", "n-10", "n-2"), store.nodes().list().stream().map(v -> v.key().value()).toList());
        assertEquals(fullNode("n-10"), store.nodes().list().get(2).value());
    }

    @Test
    void namespacesAreSeparate() {
        store.records("a").create("k", "in a");
        store.records("b").create("k", "in b");
        assertEquals("in a", store.records("a").get("k").orElseThrow().value());
        assertEquals(List.of("k"), store.records("b").list().stream().map(Versioned::key).toList());
        assertTrue(store.records("c").list().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.records("bad namespace"));
        assertThrows(IllegalArgumentException.class, () -> store.records(""));
    }

    @Test
    void modifyAppliesTheChange() {
        VersionedStore<String, String> r = store.records("ns");
        r.create("counter", "41");
        assertEquals(new Versioned<>("counter", "42", 2), r.modify("counter", v -> String.valueOf(Integer.parseInt(v) + 1)));
        assertThrows(ConflictException.class, () -> r.modify("absent", v -> v));
    }

    @Test
    void concurrentWritersOfARecordLoseNoUpdate() throws Exception {
        store.records("ns").create("counter", "0");
        int conflicts = hammer(t -> (t % 2 == 0 ? store : second).records("ns"), "counter",
                v -> String.valueOf(Long.parseLong(v) + 1));
        Versioned<String, String> end = store.records("ns").get("counter").orElseThrow();
        assertEquals(String.valueOf(THREADS * WRITES_PER_THREAD), end.value());
        assertEquals(1 + THREADS * WRITES_PER_THREAD, end.version());
        assertTrue(conflicts >= THREADS - 1, "conflicts: " + conflicts);
    }

    @Test
    void concurrentWritersOfANodeLoseNoUpdate() throws Exception {
        NodeId id = NodeId.of("n1");
        store.nodes().create(id, fullNode("n1").toBuilder().resourceClass("0").build());
        int conflicts = hammer(t -> (t % 2 == 0 ? store : second).nodes(), id,
                n -> n.toBuilder().resourceClass(String.valueOf(Long.parseLong(n.resourceClass()) + 1)).build());
        Versioned<NodeId, Node> end = store.nodes().get(id).orElseThrow();
        assertEquals(String.valueOf(THREADS * WRITES_PER_THREAD), end.value().resourceClass());
        assertEquals(1 + THREADS * WRITES_PER_THREAD, end.version());
        assertTrue(conflicts >= THREADS - 1, "conflicts: " + conflicts);
    }

    @Test
    void ofConcurrentCreatesOfOneKeyExactlyOneWins() throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Store s = t % 2 == 0 ? store : second;
            String value = "thread " + t;
            tasks.add(() -> {
                start.await();
                try {
                    s.records("ns").create("one", value);
                    return true;
                } catch (ConflictException e) {
                    return false;
                }
            });
        }
        List<Boolean> won = runAll(tasks);
        assertEquals(1, won.stream().filter(b -> b).count(), won.toString());
        String winner = "thread " + won.indexOf(true);
        assertEquals(new Versioned<>("one", winner, 1), store.records("ns").get("one").orElseThrow());
    }

    @Test
    void ofConcurrentDeletesExactlyOneWins() throws Exception {
        store.records("ns").create("k", "v");
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Store s = t % 2 == 0 ? store : second;
            tasks.add(() -> {
                start.await();
                try {
                    s.records("ns").delete("k", 1);
                    return true;
                } catch (ConflictException e) {
                    return false;
                }
            });
        }
        assertEquals(1, runAll(tasks).stream().filter(b -> b).count());
        assertFalse(store.records("ns").get("k").isPresent());
    }

    /**
     * Has {@link #THREADS} threads each apply {@code change} {@link #WRITES_PER_THREAD} times with
     * read-change-write loops. All threads read before any writes in their first round, so at least
     * THREADS - 1 conflicts are certain; later rounds race freely.
     *
     * @return the conflicts seen
     */
    private <K, V> int hammer(IntFunction<VersionedStore<K, V>> storeOfThread, K key, UnaryOperator<V> change)
            throws Exception {
        CyclicBarrier firstRead = new CyclicBarrier(THREADS);
        AtomicInteger conflicts = new AtomicInteger();
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            VersionedStore<K, V> s = storeOfThread.apply(t);
            tasks.add(() -> {
                boolean first = true;
                for (int done = 0; done < WRITES_PER_THREAD;) {
                    Versioned<K, V> current = s.get(key).orElseThrow();
                    if (first) {
                        firstRead.await(30, TimeUnit.SECONDS);
                        first = false;
                    }
                    try {
                        s.update(key, change.apply(current.value()), current.version());
                        done++;
                    } catch (ConflictException e) {
                        conflicts.incrementAndGet();
                    }
                }
                return true;
            });
        }
        runAll(tasks);
        LoggerFactory.getLogger(StoreTck.class).info("{}: {} writes, {} conflicts", getClass().getSimpleName(),
                THREADS * WRITES_PER_THREAD, conflicts.get());
        return conflicts.get();
    }

    /**
     * Runs tasks at once, a thread each, for a store's own concurrency tests as well as the suite's.
     *
     * @param <T> what a task returns
     * @param tasks the tasks
     * @return their results, in the tasks' order
     * @throws Exception the first task's failure, or a timeout after two minutes
     */
    public static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> task : tasks) {
                futures.add(pool.submit(task));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A node with every field set to something other than its default (credentials by reference,
     * as a store keeps them; an owner and a maintenance reason with non-ASCII characters, quotes and
     * a line break), for a store's own tests as well as the suite's.
     *
     * @param id the id
     * @return the node
     */
    public static Node fullNode(String id) {
        return Node.builder(NodeId.of(id))
                .name("rack 4, unit " + id)
                .bmc(BmcEndpoint.builder("redfish://10.0.0.5:8443/redfish/v1")
                        .credentials(CredentialRef.env("BMC_USER", "BMC_PASS"))
                        .driverId("redfish")
                        .insecure(true)
                        .caCertificate(Path.of("/etc/bm/ca.pem"))
                        .connectTimeout(Duration.ofMillis(2500))
                        .requestTimeout(Duration.ofSeconds(90, 5))
                        .build())
                .bmc(BmcEndpoint.builder("ipmi://10.0.0.6")
                        .credentials(CredentialRef.file(Path.of("/etc/bm/" + id + ".cred")))
                        .build())
                .bmc(BmcEndpoint.builder("redfish+http://bmc-" + id + ".lab")
                        .credentials(CredentialRef.external("vault", "secret/data/bmc/" + id + "?field=x:y"))
                        .build())
                .port(new Port(MacAddress.of("AA-BB-CC-00-11-22"),
                        new LocalLinkConnection("00:1c:73:aa:bb:cc", "Ethernet1/3", "tor-1"), true))
                .port(new Port(MacAddress.of("aabb.cc00.1123"), null, false))
                .inventory(HardwareInventory.builder()
                        .cpu(new Cpu("AMD64", "EPYC 7763", 64, 128))
                        .cpu(new Cpu("x86_64", "EPYC 7763", 64, 128))
                        .memoryMib(1_048_576)
                        .disk(new Disk("Disk.Bay.0", DiskMedia.NVME, DiskProtocol.NVME, 3_840_000_000_000L, "S5XNNA0R"))
                        .disk(new Disk("/dev/sdb", DiskMedia.HDD, DiskProtocol.SAS, 0, ""))
                        .nic(new Nic("NIC.Slot.1-1", MacAddress.of("aa:bb:cc:00:11:22"), 100_000, LinkType.ETHERNET, true))
                        .nic(new Nic("ib0", MacAddress.of("80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0a:0b:0c"),
                                200_000, LinkType.INFINIBAND, true))
                        .trait("CUSTOM_GPU_A100")
                        .trait("CUSTOM_RAID")
                        .build())
                .resourceClass("baremetal-gpu")
                .provisionState(ProvisionState.ACTIVE)
                .powerState(PowerState.POWERING_OFF)
                .owner("tenant-\u00e9\u6771\ud83d\ude80")
                .maintenance(true, "fan 3 failed; \"ticket\" #4711\nsecond line")
                .build();
    }

    /**
     * A node with nothing but its id.
     *
     * @param id the id
     * @return the node
     */
    public static Node bareNode(String id) {
        return Node.builder(NodeId.of(id)).build();
    }
}
