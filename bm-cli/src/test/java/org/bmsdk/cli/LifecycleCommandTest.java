package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmsdk.api.lifecycle.NodeLifecycle;
import org.bmsdk.api.lifecycle.TransitionRule;
import org.junit.jupiter.api.Test;

/** {@code bmctl lifecycle}: the library's transition table, as text, JSON and Graphviz. */
class LifecycleCommandTest {

    private static final List<TransitionRule> RULES = NodeLifecycle.create().table().rules();

    @Test
    void jsonHasEveryRuleOfTheTableInOrder() {
        Run r = Run.of("lifecycle", "--json");
        assertEquals(0, r.status(), r::toString);
        assertEquals("", r.err());
        JsonNode doc = JsonDocs.one(r.out());
        assertEquals(List.of("transitions"), JsonDocs.keys(doc));
        JsonNode rows = doc.get("transitions");
        assertEquals(RULES.size(), rows.size());
        for (int i = 0; i < RULES.size(); i++) {
            TransitionRule rule = RULES.get(i);
            JsonNode row = rows.get(i);
            assertEquals(rule.from().name(), row.get("from").asText());
            assertEquals(rule.event().name(), row.get("event").asText());
            assertEquals(rule.to().name(), row.get("to").asText());
            assertEquals(rule.target().name(), row.get("target").asText());
            assertEquals(rule.whenTarget().map(Enum::name).orElse(null), row.has("whenTarget") ? row.get("whenTarget").asText() : null);
            assertEquals(rule.whenTarget().isPresent() ? List.of("from", "whenTarget", "event", "to", "target")
                    : List.of("from", "event", "to", "target"), JsonDocs.keys(row));
        }
    }

    @Test
    void textHasOneLinePerRule() {
        Run r = Run.of("lifecycle");
        assertEquals(0, r.status(), r::toString);
        List<String> lines = r.outLines();
        assertEquals(RULES.size(), lines.size(), r::toString);
        for (int i = 0; i < RULES.size(); i++) {
            TransitionRule rule = RULES.get(i);
            String[] f = lines.get(i).trim().split("\\s+");
            assertEquals(rule.from() + rule.whenTarget().map(t -> "[->" + t + "]").orElse(""), f[0], lines.get(i));
            assertEquals(rule.event().name(), f[1], lines.get(i));
            assertEquals(rule.to().name(), f[2], lines.get(i));
            assertEquals(rule.target() == rule.to() ? 3 : 4, f.length, lines.get(i));
            if (rule.target() != rule.to()) {
                assertEquals("->" + rule.target(), f[3], lines.get(i));
            }
        }
    }

    @Test
    void dotIsADigraphWithOneLabelledEdgePerRule() {
        Run r = Run.of("lifecycle", "--dot");
        assertEquals(0, r.status(), r::toString);
        List<String> lines = r.outLines();
        assertEquals("digraph lifecycle {", lines.get(0));
        assertEquals("}", lines.get(lines.size() - 1));
        Pattern edge = Pattern.compile("\\s+([A-Z_]+) -> ([A-Z_]+) \\[label=\"([A-Z_]+)(\\[->([A-Z_]+)])?\"];");
        List<String> edges = lines.stream().filter(l -> l.contains("->") && l.contains("label")).toList();
        assertEquals(RULES.size(), edges.size(), r::toString);
        for (int i = 0; i < RULES.size(); i++) {
            Matcher m = edge.matcher(edges.get(i));
            assertTrue(m.matches(), edges.get(i));
            TransitionRule rule = RULES.get(i);
            assertEquals(rule.from().name(), m.group(1));
            assertEquals(rule.to().name(), m.group(2));
            assertEquals(rule.event().name(), m.group(3));
            assertEquals(rule.whenTarget().map(Enum::name).orElse(null), m.group(5));
        }
        long open = r.out().chars().filter(c -> c == '{').count();
        assertEquals(open, r.out().chars().filter(c -> c == '}').count());
        assertFalse(r.out().contains("\"transitions\""));
    }

    @Test
    void globalJsonAfterTheSubcommandWorksToo() {
        assertEquals(Run.of("--json", "lifecycle"), Run.of("lifecycle", "--json"));
    }
}
