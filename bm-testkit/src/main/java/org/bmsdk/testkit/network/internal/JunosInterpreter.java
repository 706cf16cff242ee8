package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One Junos CLI session: operational mode ({@code user@host>}) and configuration mode
 * ({@code user@host#}, each reply ending in {@code [edit]}), entered with {@code configure} (the
 * shared candidate), {@code configure private} (a candidate of its own, merged at commit) or
 * {@code configure exclusive} (the shared one, locked). {@code commit} applies the candidate to the
 * running configuration and saves it, unless the database is locked by someone else; leaving with
 * uncommitted changes asks first. Modelled on the Junos CLI user guide, not captured from a device.
 */
final class JunosInterpreter implements ShellInterpreter {

    private enum Mode { OPERATIONAL, SHARED, PRIVATE, EXCLUSIVE }

    private final SwitchState state;
    private final String user;
    private final FaultPlan faults;
    private final JunosDatabase db;
    private final List<String> privateCandidate = new ArrayList<>();
    private Mode mode = Mode.OPERATIONAL;
    private boolean askingDiscard;
    private int pageLength = 24;

    JunosInterpreter(SwitchState state, String user, FaultPlan faults, JunosDatabase db) {
        this.state = state;
        this.user = user;
        this.faults = faults;
        this.db = db;
    }

    @Override
    public String prompt() {
        if (askingDiscard) {
            return "Exit with uncommitted changes? [yes,no] (yes) ";
        }
        return user + "@" + state.running(SwitchModel::hostname) + (mode == Mode.OPERATIONAL ? "> " : "# ");
    }

    @Override
    public int pageLength() {
        return pageLength;
    }

    @Override
    public boolean awaitingSecret() {
        return false;
    }

    @Override
    public CliInterpreter.Reply execute(String line) {
        if (askingDiscard) {
            askingDiscard = false;
            String a = line.strip();
            if (a.isEmpty() || a.equals("yes")) {
                return CliInterpreter.Reply.ok(leave());
            }
            return edit("");
        }
        List<String> words = words(line);
        if (words.isEmpty()) {
            return mode == Mode.OPERATIONAL ? CliInterpreter.Reply.ok("") : edit("");
        }
        return mode == Mode.OPERATIONAL ? operational(line, words) : configuration(line, words);
    }

    private CliInterpreter.Reply operational(String line, List<String> words) {
        String first = words.get(0);
        List<String> pipes = pipes(line);
        switch (first) {
            case "exit":
            case "quit":
            case "logout":
                return new CliInterpreter.Reply("", true, null);
            case "set":
                if (words.size() >= 4 && words.get(1).equals("cli") && words.get(2).equals("screen-length")
                        && words.get(3).matches("\\d{1,6}")) {
                    pageLength = Integer.parseInt(words.get(3));
                    return CliInterpreter.Reply.ok("Screen length set to " + pageLength);
                }
                if (words.size() >= 4 && words.get(1).equals("cli") && words.get(2).equals("screen-width")) {
                    return CliInterpreter.Reply.ok("Screen width set to " + words.get(3));
                }
                return unknown(line, words, 1);
            case "configure":
                return configure(line, words);
            case "show":
                return show(line, words, pipes, false);
            default:
                return unknown(line, words, 0);
        }
    }

    private CliInterpreter.Reply configure(String line, List<String> words) {
        String how = words.size() > 1 ? words.get(1) : "";
        switch (how) {
            case "":
                mode = Mode.SHARED;
                String changed = db.shared().isEmpty() ? "" : "The configuration has been changed but not committed\n";
                return edit("Entering configuration mode\n" + changed);
            case "private":
                if (db.lockedByOther(this)) {
                    return locked("someone");
                }
                mode = Mode.PRIVATE;
                privateCandidate.clear();
                return edit("warning: uncommitted changes will be discarded on exit\nEntering configuration mode");
            case "exclusive":
                String holder = faults.takeConfigurationLock();
                if (holder != null) {
                    return locked(holder);
                }
                if (!db.lock(this)) {
                    return locked("someone");
                }
                mode = Mode.EXCLUSIVE;
                return edit("warning: uncommitted changes will be discarded on exit\nEntering configuration mode");
            default:
                return unknown(line, words, 1);
        }
    }

    private CliInterpreter.Reply configuration(String line, List<String> words) {
        String first = words.get(0);
        switch (first) {
            case "set":
            case "delete":
                return statement(line, words);
            case "commit":
                return commit(line, words);
            case "show":
                return show(line, words, pipes(line), true);
            case "run":
                if (words.size() < 2) {
                    return fail(line, words, 1, "missing argument.");
                }
                CliInterpreter.Reply r = operational(line.substring(line.indexOf("run") + 3).strip(), words.subList(1, words.size()));
                return r.close() ? edit("") : new CliInterpreter.Reply(r.output() + "\n\n[edit]", false, r.error());
            case "rollback":
                candidateClear();
                return edit("load complete");
            case "top":
                return edit("");
            case "exit":
            case "quit":
                if (words.size() > 1 && !(words.size() == 2 && words.get(1).equals("configuration-mode"))) {
                    return fail(line, words, 1, "syntax error.");
                }
                if (!candidate().isEmpty()) {
                    askingDiscard = true;
                    return CliInterpreter.Reply.ok("The configuration has been changed but not committed");
                }
                return CliInterpreter.Reply.ok(leave());
            default:
                return fail(line, words, 0, "syntax error.");
        }
    }

    private CliInterpreter.Reply statement(String line, List<String> words) {
        List<String> w = new ArrayList<>(words);
        // Junos completes a unique prefix of a keyword; networking-generic-switch types "interface".
        if (w.size() > 1 && w.get(1).equals("interface")) {
            w.set(1, "interfaces");
        }
        String problem = JunosConfig.check(w);
        if (problem != null) {
            int colon = problem.indexOf(':');
            return fail(line, words, Integer.parseInt(problem.substring(0, colon)), problem.substring(colon + 1));
        }
        String s = String.join(" ", w);
        if (w.get(0).equals("delete")) {
            // Deleting what the candidate does not hold changes nothing and says so.
            SwitchModel view = candidateView();
            if (JunosConfig.NOT_FOUND.equals(JunosConfig.applyOne(view, w))) {
                return edit("warning: statement not found");
            }
        }
        if (mode == Mode.PRIVATE) {
            privateCandidate.add(s);
        } else {
            db.addShared(s);
        }
        return edit("");
    }

    private CliInterpreter.Reply commit(String line, List<String> words) {
        String rest = String.join(" ", words.subList(1, words.size()));
        if (!rest.isEmpty() && !rest.equals("and-quit") && !rest.equals("check")) {
            return fail(line, words, 1, "syntax error.");
        }
        if (!rest.equals("check")) {
            String holder = faults.takeConfigurationLock();
            if (holder != null) {
                return locked(holder);
            }
            if (mode != Mode.EXCLUSIVE && db.lockedByOther(this)) {
                return locked("someone");
            }
        }
        List<String> statements = candidate();
        List<String> errors = state.running(m -> {
            SwitchModel copy = m.copy();
            List<String> e = JunosConfig.apply(copy, statements);
            if (e.isEmpty() && !rest.equals("check")) {
                JunosConfig.apply(m, statements);
            }
            return e;
        });
        if (!errors.isEmpty()) {
            String out = String.join("\n", errors) + "\nerror: configuration check-out failed";
            return new CliInterpreter.Reply(out + "\n\n[edit]", false, "error: configuration check-out failed");
        }
        if (rest.equals("check")) {
            return edit("configuration check succeeds");
        }
        // A commit is durable: it is what the switch boots with.
        state.save();
        candidateClear();
        if (rest.equals("and-quit")) {
            return CliInterpreter.Reply.ok("commit complete\n" + leave());
        }
        return edit("commit complete");
    }

    private CliInterpreter.Reply show(String line, List<String> words, List<String> pipes, boolean config) {
        boolean displaySet = pipes.contains("display set");
        List<String> args = new ArrayList<>(words.subList(1, words.size()));
        int bar = args.indexOf("|");
        if (bar >= 0) {
            args = args.subList(0, bar);
        }
        String out;
        if (config) {
            // In configuration mode "show" is the candidate.
            String section = args.isEmpty() ? null : args.get(args.size() - 1);
            out = JunosConfig.displaySet(candidateView(), section);
            return edit(displaySet ? out.stripTrailing() : out.stripTrailing());
        }
        if (args.isEmpty()) {
            return fail(line, words, 1, "missing argument.");
        }
        switch (args.get(0)) {
            case "configuration":
                String section = args.size() > 1 ? args.get(args.size() - 1) : null;
                out = state.running(m -> JunosConfig.displaySet(m, section));
                return CliInterpreter.Reply.ok(out.stripTrailing());
            case "vlans":
                return CliInterpreter.Reply.ok(state.running(JunosConfig::showVlans));
            case "interfaces":
                if (args.size() != 2 || !args.get(1).equals("terse")) {
                    return unknown(line, words, 2);
                }
                return CliInterpreter.Reply.ok(state.running(mm -> LinkTables.junosTerse(mm, p -> state.link(mm, p))));
            case "version":
                return CliInterpreter.Reply.ok("Hostname: " + state.running(SwitchModel::hostname)
                        + "\nModel: ex4300-48t\nJunos: 21.4R3-S4.9");
            default:
                return unknown(line, words, 1);
        }
    }

    private List<String> candidate() {
        return mode == Mode.PRIVATE ? new ArrayList<>(privateCandidate) : db.shared();
    }

    private void candidateClear() {
        if (mode == Mode.PRIVATE) {
            privateCandidate.clear();
        } else {
            db.clearShared();
        }
    }

    private SwitchModel candidateView() {
        SwitchModel view = state.running(SwitchModel::copy);
        JunosConfig.apply(view, candidate());
        return view;
    }

    /** Leaves configuration mode; a private or exclusive candidate is discarded, a shared one kept. */
    private String leave() {
        String out = "";
        if (mode == Mode.PRIVATE && !privateCandidate.isEmpty()) {
            out = "private candidate deleted\n";
        }
        if (mode == Mode.EXCLUSIVE && !db.shared().isEmpty()) {
            out = "warning: discarding uncommitted changes\nload complete\n";
            db.clearShared();
        }
        privateCandidate.clear();
        db.unlock(this);
        mode = Mode.OPERATIONAL;
        return out + "Exiting configuration mode";
    }

    private CliInterpreter.Reply locked(String holder) {
        String out = "error: configuration database locked by:\n  " + holder
                + " terminal p1 (pid 4242) on since 2026-11-26 09:00:00 UTC, idle 00:00:42\n      exclusive [edit]";
        String text = mode == Mode.OPERATIONAL ? out : out + "\n\n[edit]";
        return new CliInterpreter.Reply(text, false, "error: configuration database locked by:");
    }

    /** A configuration-mode reply: the output, a blank line, and {@code [edit]}. */
    private CliInterpreter.Reply edit(String output) {
        return CliInterpreter.Reply.ok(output.isEmpty() ? "\n[edit]" : output + "\n\n[edit]");
    }

    private CliInterpreter.Reply unknown(String line, List<String> words, int word) {
        return fail(line, words, word, "unknown command.");
    }

    /** Points at the bad word with a caret under it, as Junos does. */
    private CliInterpreter.Reply fail(String line, List<String> words, int word, String message) {
        int col = prompt().length() + column(line, Math.min(word, words.size()));
        String out = " ".repeat(col) + "^\n" + message;
        return new CliInterpreter.Reply(mode == Mode.OPERATIONAL ? out : out + "\n\n[edit]", false, message);
    }

    private static int column(String line, int word) {
        int i = 0;
        int n = -1;
        while (i < line.length()) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length()) {
                n++;
                if (n == word) {
                    return i;
                }
            }
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
        }
        return line.length() + 1;
    }

    private static List<String> pipes(String line) {
        List<String> out = new ArrayList<>();
        String[] parts = line.split("\\|");
        for (int i = 1; i < parts.length; i++) {
            out.add(parts[i].strip().replaceAll(" +", " "));
        }
        return out;
    }

    private static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        for (String w : line.strip().split(" +")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }
}
