package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.lifecycle.NodeLifecycle;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bmctl node}: every subcommand against a fresh H2 store in a temporary directory. */
class NodeCommandTest {

    static final List<String> NODE_KEYS = List.of("id", "version", "provisionState", "targetProvisionState", "powerState",
            "owner", "maintenance", "maintenanceReason", "bmc", "inventory");

    @TempDir
    Path dir;

    private Path store;

    @BeforeEach
    void store() {
        store = dir.resolve("store");
    }

    /** Runs bmctl on this test's store. */
    private Run bmctl(String... args) {
        return bmctlWith(Map.of(), args);
    }

    private Run bmctlWith(Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--store");
        all.add(store.toString());
        return Run.of(env, all.toArray(String[]::new));
    }

    private JsonNode json(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--json");
        Run r = bmctl(all.toArray(String[]::new));
        assertEquals(0, r.status(), r::toString);
        return JsonDocs.one(r.out());
    }

    private void importSample() {
        assertEquals(0, bmctl("node", "import-sample").status());
    }

    @Test
    void importSampleEnrollsTheRackOnceWithInventories() {
        JsonNode first = json("node", "import-sample");
        assertEquals(List.of("enrolled"), JsonDocs.keys(first));
        List<String> names = SampleNodes.nodes().stream().map(Node::name).toList();
        assertEquals(names.size(), first.get("enrolled").size());
        for (JsonNode n : first.get("enrolled")) {
            assertEquals(NODE_KEYS, JsonDocs.keys(n));
            assertTrue(names.contains(n.get("id").asText()), n.toString());
            assertEquals("ENROLL", n.get("provisionState").asText());
            assertEquals(1, n.get("version").asLong());
            assertTrue(n.get("inventory").asText().contains(" cores"), n.toString());
        }
        JsonNode second = json("node", "import-sample");
        assertEquals(0, second.get("enrolled").size(), "present nodes are skipped");
        Run text = bmctl("node", "import-sample");
        assertEquals("nothing to add: every sample node is present\n", text.out());
    }

    @Test
    void importSampleTextSaysWhatItEnrolled() {
        Run r = bmctl("node", "import-sample");
        assertEquals(0, r.status(), r::toString);
        assertEquals(SampleNodes.nodes().size(), r.outLines().size());
        for (Node n : SampleNodes.nodes()) {
            assertTrue(r.outLines().stream().anyMatch(l -> l.matches("enrolled " + n.name() + "\\s+ENROLL\\s*")), r::toString);
        }
    }

    @Test
    void listShowsEveryNodeOrderedById() {
        Run empty = bmctl("node", "list");
        assertEquals("no nodes\n", empty.out());
        assertEquals(0, json("node", "list").get("nodes").size());
        importSample();
        JsonNode doc = json("node", "list");
        assertEquals(List.of("nodes"), JsonDocs.keys(doc));
        List<String> ids = new ArrayList<>();
        doc.get("nodes").forEach(n -> ids.add(n.get("id").asText()));
        assertEquals(SampleNodes.nodes().stream().map(Node::name).sorted().toList(), ids);
        Run text = bmctl("node", "list");
        assertEquals(ids, text.outLines().stream().map(l -> l.split("\\s+")[0]).toList());
        text.outLines().forEach(l -> assertEquals("ENROLL", l.split("\\s+")[1], l));
    }

    @Test
    void showTellsTheEventsAllowedNow() {
        importSample();
        JsonNode doc = json("node", "show", "hpc-1");
        List<String> keys = new ArrayList<>(NODE_KEYS);
        keys.add("allowedEvents");
        keys.add("ports");
        assertEquals(keys, JsonDocs.keys(doc));
        assertEquals(allowed(LifecycleState.of(ProvisionState.ENROLL)), JsonDocs.texts(doc.get("allowedEvents")));
        Run text = bmctl("node", "show", "hpc-1");
        assertEquals(0, text.status(), text::toString);
        for (String k : keys) {
            assertTrue(text.outLines().stream().anyMatch(l -> l.startsWith(k + " ")), "text shows " + k + ": " + text);
        }
    }

    private static List<String> allowed(LifecycleState state) {
        return NodeLifecycle.create().allowedEvents(state).stream().map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    }

    @Test
    void manageDoneProvideDoneReachesAvailable() {
        importSample();
        String[][] steps = {
            {"manage", "ENROLL", "VERIFYING", "MANAGEABLE"},
            {"done", "VERIFYING->MANAGEABLE", "MANAGEABLE", "MANAGEABLE"},
            {"provide", "MANAGEABLE", "CLEANING", "AVAILABLE"},
            {"done", "CLEANING->AVAILABLE", "AVAILABLE", "AVAILABLE"}};
        long version = 1;
        for (String[] s : steps) {
            JsonNode doc = json("node", "event", "small-1", s[0]);
            assertEquals(s[0], doc.get("event").asText());
            assertEquals(s[1], doc.get("from").asText());
            assertEquals(s[2], doc.get("provisionState").asText());
            assertEquals(s[3], doc.get("targetProvisionState").asText());
            assertEquals(++version, doc.get("version").asLong(), "every step is one compare-and-set");
        }
        JsonNode shown = json("node", "show", "small-1");
        assertEquals("AVAILABLE", shown.get("provisionState").asText());
        assertEquals(allowed(LifecycleState.of(ProvisionState.AVAILABLE)), JsonDocs.texts(shown.get("allowedEvents")));
    }

    @Test
    void eventTextPrintsTheMove() {
        importSample();
        Run r = bmctl("node", "event", "arm-1", "MANAGE");
        assertEquals(0, r.status(), r::toString);
        assertEquals("arm-1: ENROLL --manage--> VERIFYING->MANAGEABLE\n", r.out());
    }

    @Test
    void illegalEventIsAnOperationErrorNamingTheAllowedEvents() {
        importSample();
        JsonNode before = json("node", "show", "small-1");
        for (String[] args : List.of(new String[] {"node", "event", "small-1", "provide"},
                new String[] {"node", "event", "small-1", "deploy", "--json"})) {
            Run r = bmctl(args);
            assertEquals(1, r.status(), r::toString);
            assertEquals("", r.out());
            assertEquals(1, r.errLines().size(), r::toString);
            String line = r.err().strip();
            assertTrue(line.startsWith("bmctl: "), line);
            assertTrue(line.toLowerCase(Locale.ROOT).contains("allowed"), line);
            for (String e : JsonDocs.texts(before.get("allowedEvents"))) {
                assertTrue(line.toLowerCase(Locale.ROOT).contains(e), "names " + e + ": " + line);
            }
        }
        assertEquals(before, json("node", "show", "small-1"), "a refused event changes nothing");
    }

    @Test
    void unknownEventIsBadUsageListingTheKnownOnes() {
        importSample();
        Run r = bmctl("node", "event", "small-1", "reboot");
        assertEquals(2, r.status(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("unknown event 'reboot'"), r::toString);
        for (String e : new String[] {"manage", "provide", "deploy", "done", "abort"}) {
            assertTrue(r.err().contains(e), r::toString);
        }
        assertEquals(1, json("node", "show", "small-1").get("version").asLong());
    }

    @Test
    void deployRecordsTheOwnerAndAvailableForgetsIt() {
        importSample();
        for (String e : new String[] {"manage", "done", "provide", "done"}) {
            assertEquals(0, bmctl("node", "event", "general-1", e).status());
        }
        JsonNode deploying = json("node", "event", "general-1", "deploy", "--owner", "tenant-a");
        assertEquals("tenant-a", deploying.get("owner").asText());
        assertEquals("DEPLOYING", deploying.get("provisionState").asText());
        JsonNode active = json("node", "event", "general-1", "done");
        assertEquals("ACTIVE", active.get("provisionState").asText());
        assertEquals("tenant-a", active.get("owner").asText());
        assertTrue(bmctl("node", "list").out().contains("owner tenant-a"));
        // Tearing down goes through cleaning; follow "done" until the node rests.
        JsonNode doc = json("node", "event", "general-1", "delete");
        for (int i = 0; i < 5 && !doc.get("provisionState").asText().equals(doc.get("targetProvisionState").asText()); i++) {
            doc = json("node", "event", "general-1", "done");
        }
        assertEquals("AVAILABLE", doc.get("provisionState").asText());
        assertTrue(doc.get("owner").isNull(), doc.toString());
    }

    @Test
    void maintenanceOnNeedsAReasonAndOffClearsIt() {
        importSample();
        Run noReason = bmctl("node", "maintenance", "hpc-1", "on");
        assertEquals(2, noReason.status(), noReason::toString);
        assertTrue(noReason.err().contains("--reason"), noReason::toString);
        Run blank = bmctl("node", "maintenance", "hpc-1", "on", "--reason", "  ");
        assertEquals(2, blank.status(), blank::toString);
        Run neither = bmctl("node", "maintenance", "hpc-1", "maybe");
        assertEquals(2, neither.status(), neither::toString);
        assertEquals(1, json("node", "show", "hpc-1").get("version").asLong(), "bad usage changes nothing");

        JsonNode on = json("node", "maintenance", "hpc-1", "on", "--reason", "fan 3 failed");
        assertTrue(on.get("maintenance").asBoolean());
        assertEquals("fan 3 failed", on.get("maintenanceReason").asText());
        assertTrue(bmctl("node", "list").out().lines().anyMatch(l -> l.startsWith("hpc-1") && l.endsWith("maintenance: fan 3 failed")));
        assertEquals(List.of(), JsonDocs.texts(json("node", "show", "hpc-1").get("allowedEvents")), "no work starts in maintenance");
        Run blocked = bmctl("node", "event", "hpc-1", "manage");
        assertEquals(1, blocked.status(), blocked::toString);
        assertEquals(1, blocked.errLines().size(), blocked::toString);
        assertTrue(blocked.err().contains("maintenance"), blocked::toString);
        JsonNode off = json("node", "maintenance", "hpc-1", "off");
        assertFalse(off.get("maintenance").asBoolean());
        assertEquals("", off.get("maintenanceReason").asText());
        assertEquals(on.get("version").asLong() + 1, off.get("version").asLong());
        assertEquals("VERIFYING", json("node", "event", "hpc-1", "manage").get("provisionState").asText());
    }

    @Test
    void deleteForgetsANodeOnlyWhereTheLifecycleAllows() {
        importSample();
        JsonNode deleted = json("node", "delete", "small-1");
        assertEquals(List.of("deleted"), JsonDocs.keys(deleted));
        assertEquals("small-1", deleted.get("deleted").asText());
        assertFalse(bmctl("node", "list").out().contains("small-1"));

        for (String e : new String[] {"manage", "done", "provide", "done"}) {
            assertEquals(0, bmctl("node", "event", "arm-1", e).status());
        }
        Run refused = bmctl("node", "delete", "arm-1");
        assertEquals(1, refused.status(), refused::toString);
        assertEquals(1, refused.errLines().size(), refused::toString);
        assertTrue(refused.err().contains("AVAILABLE"), refused::toString);
        assertTrue(bmctl("node", "list").out().contains("arm-1"));
        assertEquals(0, bmctl("node", "event", "arm-1", "manage").status());
        assertEquals(0, bmctl("node", "delete", "arm-1").status(), "MANAGEABLE may be deleted");
    }

    @Test
    void aMissingNodeIsTheSameOperationErrorForEveryCommand() {
        importSample();
        for (String[] args : List.of(new String[] {"node", "show", "ghost"}, new String[] {"node", "event", "ghost", "manage"},
                new String[] {"node", "maintenance", "ghost", "off"}, new String[] {"node", "maintenance", "ghost", "on", "--reason", "x"},
                new String[] {"node", "delete", "ghost"})) {
            Run r = bmctl(args);
            assertEquals(1, r.status(), r::toString);
            assertEquals("bmctl: no node 'ghost' in the store\n", r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void theStoreComesFromBmctlStoreWhenNoOptionGivesIt() {
        Path other = dir.resolve("from-env").resolve("store");
        Map<String, String> env = Map.of("BMCTL_STORE", other.toString());
        assertEquals(0, Run.of(env, "node", "enroll", "e1", "--endpoint", "ipmi://10.0.0.17").status());
        assertTrue(Files.exists(dir.resolve("from-env").resolve("store.mv.db")), "created with its directory");
        assertTrue(Run.of(env, "node", "list").out().startsWith("e1 "));
        assertEquals("no nodes\n", Run.of(env, "node", "list", "--store", store.toString()).out(), "--store wins over BMCTL_STORE");
    }

    @Test
    void storeOptionWorksBeforeBetweenAndAfterTheSubcommands() {
        importSample();
        Run before = Run.of("--store", store.toString(), "node", "list");
        Run between = Run.of("node", "--store", store.toString(), "list");
        Run after = Run.of("node", "list", "--store", store.toString());
        assertEquals(SampleNodes.nodes().size(), before.outLines().size(), before::toString);
        assertEquals(before, between);
        assertEquals(before, after);
    }
}
