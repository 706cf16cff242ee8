package org.bmsdk.testkit.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The Junos CLI's configuration database against a reference model: two sessions, each in
 * {@code configure private}, interleave random {@code set}/{@code delete} lines, commits, exits and
 * answers. The running configuration changes only at a commit, by that session's own candidate and
 * nothing of the other's; a commit is always saved; the prompt always shows the mode.
 */
class JunosCandidatePropertiesTest {

    /** One line typed into one of the two sessions. */
    record Step(int session, String kind, int vlan) {
    }

    /** A session as the model sees it. */
    private static final class Session {
        boolean config;
        boolean asking;
        final List<String> pending = new ArrayList<>();
    }

    @Property(tries = 300)
    void onlyCommitsChangeTheRunningConfigurationAndOnlyByTheirOwnCandidate(@ForAll @Size(max = 40) List<@net.jqwik.api.From("steps") Step> steps) {
        SwitchState state = SwitchState.create("juniper_junos", "sw", List.of("ge-0/0/1"));
        FaultPlan faults = new FaultPlan();
        JunosDatabase db = new JunosDatabase();
        JunosInterpreter[] cli = {new JunosInterpreter(state, "a", faults, db), new JunosInterpreter(state, "b", faults, db)};
        Session[] model = {new Session(), new Session()};
        Map<Integer, String> running = new TreeMap<>(Map.of(1, "default"));
        for (Step s : steps) {
            Session m = model[s.session()];
            JunosInterpreter c = cli[s.session()];
            String line = line(s, m);
            CliInterpreter.Reply r = c.execute(line);
            if (m.asking) {
                m.asking = false;
                if (line.equals("yes")) {
                    m.config = false;
                    m.pending.clear();
                }
            } else if (!m.config) {
                if (s.kind().equals("configure")) {
                    m.config = true;
                }
            } else {
                switch (s.kind()) {
                    case "set":
                        m.pending.add("set:" + s.vlan());
                        break;
                    case "delete":
                        Map<Integer, String> view = new TreeMap<>(running);
                        apply(view, m.pending);
                        if (view.containsKey(s.vlan())) {
                            m.pending.add("delete:" + s.vlan());
                        } else {
                            assertTrue(r.output().contains("warning: statement not found"), r.output());
                        }
                        break;
                    case "commit":
                        assertTrue(r.output().contains("commit complete"), r.output());
                        apply(running, m.pending);
                        m.pending.clear();
                        break;
                    case "exit":
                        if (m.pending.isEmpty()) {
                            m.config = false;
                        } else {
                            m.asking = true;
                        }
                        break;
                    default:
                        break;
                }
            }
            assertEquals(running, state.running(SwitchModel::vlanNames), () -> "after " + line);
            assertEquals(running, state.saved(SwitchModel::vlanNames), "every commit is saved");
            String prompt = c.prompt();
            String expected = m.asking ? "Exit with uncommitted changes? [yes,no] (yes) "
                    : (s.session() == 0 ? "a" : "b") + "@sw" + (m.config ? "# " : "> ");
            assertEquals(expected, prompt, () -> "after " + line);
        }
    }

    private static String line(Step s, Session m) {
        if (m.asking) {
            return s.kind().equals("exit") ? "no" : "yes";
        }
        if (!m.config) {
            return s.kind().equals("configure") ? "configure private" : "show configuration | display set";
        }
        switch (s.kind()) {
            case "set":
                return "set vlans v" + s.vlan() + " vlan-id " + s.vlan();
            case "delete":
                return "delete vlans v" + s.vlan();
            case "commit":
                return "commit";
            case "exit":
                return "exit";
            default:
                return "show vlans | display set";
        }
    }

    private static void apply(Map<Integer, String> vlans, List<String> pending) {
        for (String p : pending) {
            int v = Integer.parseInt(p.substring(p.indexOf(':') + 1));
            if (p.startsWith("set:")) {
                vlans.put(v, "v" + v);
            } else {
                vlans.remove(v);
            }
        }
    }

    @Provide
    Arbitrary<Step> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 1),
                Arbitraries.of("configure", "set", "set", "delete", "commit", "exit", "show"),
                Arbitraries.integers().between(2, 6)).as(Step::new);
    }
}
