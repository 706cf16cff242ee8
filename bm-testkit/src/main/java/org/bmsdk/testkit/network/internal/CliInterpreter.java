package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import org.bmsdk.testkit.network.internal.Grammar.Match;
import org.bmsdk.testkit.network.internal.Grammar.Result;
import org.bmsdk.testkit.network.internal.SwitchModel.Port;

/**
 * One CLI session's state machine: its mode, the interface or VLAN being configured, the pager
 * setting, and the commands' effect on the switch's {@link SwitchState}. Knows nothing of SSH: it
 * turns a line into the text the switch prints, so it is tested on its own.
 */
public final class CliInterpreter implements ShellInterpreter {

    /**
     * What a line produced.
     *
     * @param output the text printed before the next prompt, lines separated by {@code \n}, no
     *     trailing newline; empty for none
     * @param close whether the session ends (logout)
     * @param error the error line when the command was refused, or null
     */
    public record Reply(String output, boolean close, String error) {
        static Reply ok(String output) {
            return new Reply(output, false, null);
        }

        static Reply fail(String output, String error) {
            return new Reply(output, false, error);
        }
    }

    private final SwitchState state;
    private final Dialect d;
    private final DialectExtras x;
    private final Grammar grammar;
    private final ConfigPrinter printer;
    private final String enableSecret;
    private CliMode mode = CliMode.EXEC;
    private boolean privileged;
    private boolean awaitingSecret;
    private String port;
    private int vlan;
    private String acl;
    private int pageLength = 24;
    /** The line being run, its words' starts and the prompt it was typed at: for a caret under a bad word. */
    private List<Integer> lineStarts = List.of();
    private String linePrompt = "";

    /**
     * Starts a session.
     *
     * @param state the switch
     * @param enableSecret the {@code enable} password, or null to start in privileged EXEC (as a
     *     privilege-15 user does)
     */
    public CliInterpreter(SwitchState state, String enableSecret) {
        this.state = state;
        this.d = state.dialect();
        this.x = DialectExtras.of(d.id());
        this.grammar = d.grammar().plus(x.syntax());
        this.printer = new ConfigPrinter(d);
        this.enableSecret = enableSecret;
        this.privileged = enableSecret == null;
    }

    /** @return the prompt to print now */
    public String prompt() {
        if (awaitingSecret) {
            return "Password: ";
        }
        String host = state.running(SwitchModel::hostname);
        String pattern = d.prompts().containsKey(mode) ? d.prompts().get(mode) : x.prompts().get(mode);
        String p = pattern.replace("{h}", host)
                .replace("{if}", port == null ? "" : d.shortName(port)).replace("{vlan}", Integer.toString(vlan))
                .replace("{acl}", acl == null ? "" : acl);
        if (mode == CliMode.EXEC && !privileged) {
            int hash = p.lastIndexOf('#');
            return p.substring(0, hash) + ">" + p.substring(hash + 1);
        }
        return p;
    }

    /** @return lines per page, 0 when paging is off ({@code terminal length 0}) */
    public int pageLength() {
        return pageLength;
    }

    /** @return whether the next line is a password, not to be echoed */
    public boolean awaitingSecret() {
        return awaitingSecret;
    }

    /** @return the mode, for tests */
    CliMode mode() {
        return mode;
    }

    /**
     * Runs a line.
     *
     * @param line what was typed, without the line end
     * @return what the switch prints
     */
    public Reply execute(String line) {
        if (awaitingSecret) {
            awaitingSecret = false;
            if (line.equals(enableSecret)) {
                privileged = true;
                return Reply.ok("");
            }
            return Reply.fail("% Access denied", "% Access denied");
        }
        List<Integer> starts = new ArrayList<>();
        List<String> words = split(line, starts);
        if (words.isEmpty()) {
            return Reply.ok("");
        }
        List<CliMode> modes = mode == CliMode.EXEC ? List.of(CliMode.EXEC)
                : mode == CliMode.CONFIG ? List.of(CliMode.CONFIG) : List.of(mode, CliMode.CONFIG);
        String promptNow = prompt();
        Result r = grammar.match(modes, words, w -> {
            String full = d.expandInterface(w);
            // A LAG interface may be named before it exists: "interface Port-channel10" creates it.
            return full != null && (x.isLag(full) || state.running(m -> m.port(full) != null)) ? full : null;
        });
        if (r.match() == null) {
            return failure(r, line, words, starts, promptNow);
        }
        lineStarts = starts;
        linePrompt = promptNow;
        return run(r.match());
    }

    private Reply failure(Result r, String line, List<String> words, List<Integer> starts, String promptNow) {
        switch (r.failure()) {
            case INCOMPLETE:
                return Reply.fail(d.incomplete(), d.incomplete());
            case AMBIGUOUS:
                String amb = d.ambiguous().contains("%s") ? String.format(d.ambiguous(), line) : d.ambiguous();
                return Reply.fail(amb, amb);
            default:
                if (d.invalidInputCaret()) {
                    int col = promptNow.length() + starts.get(Math.min(r.word(), words.size() - 1));
                    return Reply.fail(" ".repeat(col) + "^\n" + d.invalidInput(), d.invalidInput());
                }
                return Reply.fail(d.invalidInput(), d.invalidInput());
        }
    }

    private Reply run(Match m) {
        List<String> a = m.args();
        Action action = m.syntax().action();
        if (mode == CliMode.EXEC && !privileged && needsPrivilege(action)) {
            // User EXEC does not know the privileged commands at all, as on IOS.
            return Reply.fail(d.invalidInputCaret() ? " ".repeat(prompt().length()) + "^\n" + d.invalidInput()
                    : d.invalidInput(), d.invalidInput());
        }
        switch (action) {
            case ENABLE:
                if (!privileged) {
                    awaitingSecret = true;
                }
                return Reply.ok("");
            case DISABLE:
                privileged = enableSecret == null;
                return Reply.ok("");
            case TERMINAL_LENGTH:
                pageLength = Integer.parseInt(a.get(0));
                return Reply.ok("");
            case NOTHING:
                return Reply.ok("");
            case CONFIGURE:
                mode = CliMode.CONFIG;
                return Reply.ok(d.invalidInputCaret() ? "Enter configuration commands, one per line.  End with CNTL/Z." : "");
            case SHOW_RUN:
                return Reply.ok(state.running(mm -> Dialects.runningConfig(d, mm)));
            case SHOW_RUN_IF:
            case SHOW_IF_SWITCHPORT:
                if (!state.running(mm -> mm.port(a.get(0)) != null)) {
                    return invalidAt(m.syntax().words().size() - 1 - (action == Action.SHOW_IF_SWITCHPORT ? 1 : 0));
                }
                if (action == Action.SHOW_IF_SWITCHPORT) {
                    return Reply.ok(state.running(mm -> printer.switchport(mm, mm.port(a.get(0)))));
                }
                return Reply.ok(state.running(mm -> d == Dialect.DELL_OS10 ? Os10Printer.interfaceConfig(mm.port(a.get(0)))
                        : printer.runningConfigInterface(mm.port(a.get(0)))));
            case SHOW_STARTUP:
                return Reply.ok(state.saved(mm -> Dialects.runningConfig(d, mm)));
            case SHOW_VLAN:
                return Reply.ok(state.running(printer::vlans));
            case SHOW_IF_STATUS:
                return Reply.ok(state.running(mm -> d == Dialect.DELL_OS10 ? LinkTables.os10Status(mm, p -> state.link(mm, p))
                        : printer.interfacesStatus(mm, p -> state.link(mm, p))));
            case SAVE:
                state.save();
                return Reply.ok(d.saveOutput());
            case LOGOUT:
                return new Reply("", true, null);
            case END:
                mode = CliMode.EXEC;
                port = null;
                return Reply.ok("");
            case EXIT_MODE:
                mode = mode == CliMode.CONFIG ? CliMode.EXEC : CliMode.CONFIG;
                port = null;
                acl = null;
                return Reply.ok("");
            default:
                if (LagAclVxlan.handles(action)) {
                    return state.running(mm -> new LagAclVxlan(this, mm).run(m.syntax(), a));
                }
                return configure(action, a);
        }
    }

    private static boolean needsPrivilege(Action a) {
        return a != Action.ENABLE && a != Action.TERMINAL_LENGTH && a != Action.NOTHING && a != Action.LOGOUT
                && a != Action.SHOW_VLAN && a != Action.SHOW_IF_SWITCHPORT
                && a != Action.SHOW_IF_STATUS;
    }

    private Reply configure(Action action, List<String> a) {
        return state.running(m -> {
            switch (action) {
                case HOSTNAME:
                    m.hostname(a.get(0));
                    return Reply.ok("");
                case VLAN:
                    vlan = Integer.parseInt(a.get(0));
                    m.vlans().putIfAbsent(vlan, SwitchModel.defaultName(vlan));
                    mode = CliMode.CONFIG_VLAN;
                    port = null;
                    return Reply.ok("");
                case NO_VLAN:
                    int v = Integer.parseInt(a.get(0));
                    if (v == SwitchModel.DEFAULT_VLAN) {
                        return Reply.fail(d.noDefaultVlan(), d.noDefaultVlan());
                    }
                    if (d.reservedVlans().contains(v)) {
                        String e = String.format(d.reservedVlanName(), v);
                        return Reply.fail(e, e);
                    }
                    m.vlans().remove(v);
                    if ("nxos".equals(x.vxlan())) {
                        m.vlanVni().remove(v); // NX-OS keeps vn-segment in the VLAN's own configuration
                    }
                    if ("os10".equals(x.vxlan())) {
                        m.syncVirtualNetworks(); // and OS10 its virtual-network
                    }
                    return Reply.ok("");
                case INTERFACE:
                    port = a.get(0);
                    acl = null;
                    mode = CliMode.CONFIG_IF;
                    if (m.port(port) == null) {
                        m.ports().put(port, new Port(port));
                        m.port(port).lagInterface = true;
                    }
                    return Reply.ok("");
                case VLAN_NAME:
                case NO_VLAN_NAME:
                    if (d.reservedVlans().contains(vlan)) {
                        String e = String.format(d.reservedVlanName(), vlan);
                        return Reply.fail(e, e);
                    }
                    m.vlans().put(vlan, action == Action.VLAN_NAME ? a.get(0) : SwitchModel.defaultName(vlan));
                    return Reply.ok("");
                default:
                    return port(m, m.port(port), action, a);
            }
        });
    }

    private Reply port(SwitchModel m, Port p, Action action, List<String> a) {
        switch (action) {
            case DESCRIPTION:
                p.description = a.get(0);
                break;
            case NO_DESCRIPTION:
                p.description = null;
                break;
            case SHUTDOWN:
                p.shutdown = true;
                break;
            case NO_SHUTDOWN:
                p.shutdown = false;
                break;
            case MODE_ACCESS:
            case NO_MODE:
                p.trunk = false;
                break;
            case MODE_TRUNK:
                p.trunk = true;
                break;
            case ACCESS_VLAN:
                p.accessVlan = Integer.parseInt(a.get(0));
                if (!m.vlans().containsKey(p.accessVlan) && d.accessVlanCreated() != null) {
                    m.vlans().put(p.accessVlan, SwitchModel.defaultName(p.accessVlan));
                    return Reply.ok(String.format(d.accessVlanCreated(), p.accessVlan));
                }
                break;
            case NO_ACCESS_VLAN:
                p.accessVlan = SwitchModel.DEFAULT_VLAN;
                break;
            case NATIVE_VLAN:
                p.nativeVlan = Integer.parseInt(a.get(0));
                break;
            case NO_NATIVE_VLAN:
                p.nativeVlan = null;
                break;
            case ALLOWED_SET:
                p.allowed = VlanLists.parse(a.get(0));
                break;
            case ALLOWED_ADD:
                NavigableSet<Integer> add = p.allowed == null ? null : new TreeSet<>(p.allowed);
                if (add != null) {
                    add.addAll(VlanLists.parse(a.get(0)));
                }
                p.allowed = add;
                break;
            case ALLOWED_REMOVE:
                NavigableSet<Integer> rest = new TreeSet<>();
                if (p.allowed == null) {
                    for (int v = 1; v <= 4094; v++) {
                        rest.add(v);
                    }
                } else {
                    rest.addAll(p.allowed);
                }
                rest.removeAll(VlanLists.parse(a.get(0)));
                p.allowed = rest;
                break;
            case ALLOWED_NONE:
                p.allowed = new TreeSet<>();
                break;
            case ALLOWED_ALL:
                p.allowed = null;
                break;
            case MODE_TRUNK_NO_VLANS:
                if (!p.trunk) {
                    p.nativeVlan = p.accessVlan == SwitchModel.DEFAULT_VLAN ? null : p.accessVlan;
                }
                p.trunk = true;
                if (p.allowed == null) {
                    p.allowed = new TreeSet<>();
                }
                break;
            case MODE_ACCESS_CLEAR:
                if (p.trunk) {
                    p.accessVlan = p.nativeVlan == null ? SwitchModel.DEFAULT_VLAN : p.nativeVlan;
                }
                p.trunk = false;
                p.allowed = new TreeSet<>();
                break;
            case UNTAGGED_VLAN:
                p.accessVlan = Integer.parseInt(a.get(0));
                p.nativeVlan = p.accessVlan == SwitchModel.DEFAULT_VLAN ? null : p.accessVlan;
                break;
            case NO_UNTAGGED_VLAN:
                p.accessVlan = SwitchModel.DEFAULT_VLAN;
                p.nativeVlan = null;
                break;
            default:
                throw new AssertionError(action);
        }
        return Reply.ok("");
    }

    /**
     * The dialect's invalid-input error, pointing at a word of the line being run.
     *
     * @param word the word's index
     * @return the reply
     */
    Reply invalidAt(int word) {
        if (d.invalidInputCaret()) {
            int col = linePrompt.length() + lineStarts.get(Math.max(0, Math.min(word, lineStarts.size() - 1)));
            return Reply.fail(" ".repeat(col) + "^\n" + d.invalidInput(), d.invalidInput());
        }
        return Reply.fail(d.invalidInput(), d.invalidInput());
    }

    DialectExtras extras() {
        return x;
    }

    Dialect dialect() {
        return d;
    }

    String port() {
        return port;
    }

    int vlan() {
        return vlan;
    }

    String acl() {
        return acl;
    }

    /** Enters a mode of the LAG, ACL and VXLAN commands. */
    void enter(CliMode newMode, String aclName) {
        mode = newMode;
        acl = aclName;
        port = null;
    }

    /** Splits on blanks, noting where each word starts (for the caret). */
    private static List<String> split(String line, List<Integer> starts) {
        List<String> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            while (i < line.length() && line.charAt(i) == ' ') {
                i++;
            }
            int s = i;
            while (i < line.length() && line.charAt(i) != ' ') {
                i++;
            }
            if (i > s) {
                words.add(line.substring(s, i));
                starts.add(s);
            }
        }
        return words;
    }
}
