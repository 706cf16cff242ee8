package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.model.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bmctl select}: ranking in text and JSON, explanations, syntax errors, option placement. */
class SelectCommandTest {

    /** Expressions that split the sample rack in different ways, from "all" to "none". */
    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "cpu.cores >= 32",
        "cpu.cores >= 32 and disk.media == NVMe and disk.size >= 1TB",
        "memory >= 256GiB and cpu.arch == x86_64",
        "nic.type == InfiniBand",
        "count(disk.media == HDD) >= 8",
        "nic.speed >= 25G and disk.media in (SSD, NVMe)",
        "memory >= 1PiB"})
    void jsonRanksSmallestFitFirstAndExplainsEveryRejection(String expression) {
        Run r = Run.of("--json", "select", "-r", expression);
        assertEquals(0, r.status(), r::toString);
        assertEquals("", r.err());
        JsonNode doc = JsonDocs.one(r.out());
        assertEquals(List.of("requirements", "matches", "rejected"), JsonDocs.keys(doc));
        Requirements requirements = Requirements.parse(expression);
        assertEquals(requirements.toString(), doc.get("requirements").asText());

        Map<String, Node> sample = SampleNodes.nodes().stream().collect(Collectors.toMap(Node::name, Function.identity()));
        List<String> matched = new ArrayList<>();
        JsonNode previous = null;
        int rank = 0;
        for (JsonNode m : doc.get("matches")) {
            rank++;
            assertEquals(List.of("rank", "name", "cores", "threads", "memoryMib", "diskBytes", "disks", "nics"), JsonDocs.keys(m));
            assertEquals(rank, m.get("rank").asInt());
            Node node = sample.get(m.get("name").asText());
            assertTrue(requirements.matches(node), m.toString());
            assertEquals(node.inventory().memoryMib(), m.get("memoryMib").asLong());
            assertEquals(node.inventory().totalCores(), m.get("cores").asInt());
            assertEquals(node.inventory().totalDiskBytes(), m.get("diskBytes").asLong());
            assertEquals(node.inventory().disks().size(), m.get("disks").size());
            assertEquals(node.inventory().nics().size(), m.get("nics").size());
            if (previous != null) {
                assertTrue(smallerOrEqual(previous, m), "smallest fit first: " + previous + " before " + m);
            }
            previous = m;
            matched.add(node.name());
        }
        assertEquals(requirements.rank(SampleNodes.nodes()).stream().map(Node::name).toList(), matched);

        Set<String> seen = new HashSet<>(matched);
        for (JsonNode rej : doc.get("rejected")) {
            assertEquals(List.of("name", "unmet"), JsonDocs.keys(rej));
            Node node = sample.get(rej.get("name").asText());
            assertFalse(requirements.matches(node), rej.toString());
            List<String> unmet = JsonDocs.texts(rej.get("unmet"));
            assertFalse(unmet.isEmpty(), "a rejection says why: " + rej);
            assertEquals(requirements.unmet(node), unmet);
            assertTrue(seen.add(node.name()), "each machine once: " + node.name());
        }
        assertEquals(sample.keySet(), seen, "every sample machine is either matched or rejected");
    }

    /** Memory, then cores, then disk bytes, then name: what the JSON shows must follow that order. */
    private static boolean smallerOrEqual(JsonNode a, JsonNode b) {
        for (String key : new String[] {"memoryMib", "cores", "diskBytes"}) {
            int c = Long.compare(a.get(key).asLong(), b.get(key).asLong());
            if (c != 0) {
                return c < 0;
            }
        }
        return a.get("name").asText().compareTo(b.get("name").asText()) <= 0;
    }

    @Test
    void textShowsTheSameRankingAndWhyTheOthersDoNotFit() {
        String expression = "cpu.cores >= 32 and disk.media == NVMe";
        Run text = Run.of("select", "--require", expression);
        assertEquals(0, text.status(), text::toString);
        JsonNode doc = JsonDocs.one(Run.of("select", "--require", expression, "--json").out());

        List<String> lines = text.outLines();
        assertEquals("requirements: " + doc.get("requirements").asText(), lines.get(0));
        int i = 1;
        for (JsonNode m : doc.get("matches")) {
            String line = lines.get(i++);
            assertTrue(line.matches("\\s*" + m.get("rank").asInt() + "\\. " + m.get("name").asText() + "\\s.*"), line);
            assertTrue(line.contains(m.get("cores").asInt() + " cores"), line);
            assertTrue(line.contains(m.get("memoryMib").asLong() / 1024 + " GiB"), line);
        }
        for (JsonNode rej : doc.get("rejected")) {
            String line = lines.get(i++).strip();
            assertEquals(rej.get("name").asText() + " ".repeat(Math.max(1, 13 - rej.get("name").asText().length()))
                    + "does not fit: " + String.join("; ", JsonDocs.texts(rej.get("unmet"))), line);
        }
        assertEquals(lines.size(), i, text::toString);
        assertTrue(doc.get("matches").size() > 0 && doc.get("rejected").size() > 0, "the example splits the rack");
    }

    @Test
    void textSaysSoWhenNothingFits() {
        Run r = Run.of("select", "-r", "memory >= 1PiB");
        assertEquals(0, r.status(), r::toString);
        assertEquals("no machine fits", r.outLines().get(r.outLines().size() - 1));
        assertEquals(1 + SampleNodes.nodes().size() + 1, r.outLines().size(), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "cpu.cores >>= 3",
        "memory >= 256",
        "cpu.cores >= 32 or memory >= 1TB",
        "gpu.count >= 1",
        "disk.media == Floppy",
        "(cpu.cores >= 1)"})
    void syntaxErrorIsBadUsageWithTheMessageOnStderr(String expression) {
        for (String[] args : List.of(new String[] {"select", "-r", expression}, new String[] {"--json", "select", "-r", expression})) {
            Run r = Run.of(args);
            assertEquals(2, r.status(), r::toString);
            assertEquals("", r.out(), "nothing on stdout, not even with --json");
            assertTrue(r.err().startsWith("bmctl: "), r::toString);
            assertTrue(r.err().contains("position"), "names where: " + r);
        }
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        String expression = "cpu.cores >= 32";
        Run before = Run.of("--json", "select", "-r", expression);
        Run after = Run.of("select", "-r", expression, "--json");
        Run between = Run.of("select", "--json", "-r", expression);
        assertEquals(0, before.status(), before::toString);
        JsonDocs.one(before.out());
        assertEquals(before, after);
        assertEquals(before, between);
        assertFalse(Run.of("select", "-r", expression).out().startsWith("{"), "without --json: text");
    }

    @Test
    void fromStoreRanksTheStoresNodes(@TempDir Path dir) {
        String store = dir.resolve("store").toString();
        String expression = "cpu.cores >= 32";
        assertEquals(0, Run.of("node", "import-sample", "--store", store).status());
        Run rack = Run.of("--json", "select", "-r", expression);
        Run fromStore = Run.of("--json", "--store", store, "select", "-r", expression, "--from-store");
        assertEquals(rack.out(), fromStore.out());

        String smallestFit = JsonDocs.one(rack.out()).get("matches").get(0).get("name").asText();
        assertEquals(0, Run.of("node", "delete", smallestFit, "--store", store).status());
        JsonNode after = JsonDocs.one(Run.of("select", "--from-store", "-r", expression, "--json", "--store", store).out());
        assertEquals(JsonDocs.one(rack.out()).get("matches").get(1).get("name").asText(), after.get("matches").get(0).get("name").asText());
        after.get("matches").forEach(m -> assertFalse(m.get("name").asText().equals(smallestFit)));
        after.get("rejected").forEach(m -> assertFalse(m.get("name").asText().equals(smallestFit)));
    }
}
