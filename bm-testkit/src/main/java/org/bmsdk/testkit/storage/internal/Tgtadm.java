package org.bmsdk.testkit.storage.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code tgtadm} on the simulated host: parses its options as tgt 1.0.85's tgtadm does (long and
 * short forms) and runs the operation on the {@link TgtState}. Output, error lines and exit
 * statuses are tgt's: an operation tgtd refuses prints {@code tgtadm: <reason>} and exits 22; a bad
 * mode or operation exits 1. Modes: target (show, new, delete, bind, unbind), logicalunit (new,
 * delete), account (show, new, delete, bind, unbind).
 */
final class Tgtadm {

    /** What a command printed and its exit status. */
    record Outcome(String stdout, String stderr, int status) {
        static Outcome ok(String out) {
            return new Outcome(out, "", 0);
        }

        static Outcome error(String message, int status) {
            return new Outcome("", "tgtadm: " + message + "\n", status);
        }
    }

    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("-L", "--lld"), Map.entry("-m", "--mode"), Map.entry("-o", "--op"), Map.entry("-t", "--tid"),
            Map.entry("-T", "--targetname"), Map.entry("-l", "--lun"), Map.entry("-b", "--backing-store"),
            Map.entry("-E", "--bstype"), Map.entry("-u", "--user"), Map.entry("-p", "--password"),
            Map.entry("-I", "--initiator-name"), Map.entry("-f", "--force"), Map.entry("-C", "--control-port"));

    private final TgtState state;
    private final HostFiles files;
    private final int controlPort;

    Tgtadm(TgtState state, HostFiles files, int controlPort) {
        this.state = state;
        this.files = files;
        this.controlPort = controlPort;
    }

    Outcome run(List<String> args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String key;
            String value = null;
            if (a.startsWith("--") && a.contains("=")) {
                key = a.substring(0, a.indexOf('='));
                value = a.substring(a.indexOf('=') + 1);
            } else {
                key = SHORT.getOrDefault(a, a);
            }
            if (!SHORT.containsValue(key)) {
                return Outcome.error("unrecognized option '" + a + "'", 1);
            }
            if (key.equals("--force")) {
                o.put(key, "");
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    return Outcome.error("option '" + a + "' requires an argument", 1);
                }
                value = args.get(++i);
            }
            o.put(key, value);
        }
        int port = 0;
        if (o.containsKey("--control-port")) {
            try {
                port = Integer.parseInt(o.get("--control-port"));
            } catch (NumberFormatException e) {
                return Outcome.error("bad argument '" + o.get("--control-port") + "'", 1);
            }
        }
        if (port != controlPort) {
            // no tgtd listens on that control socket
            return new Outcome("", "tgtadm: can't send the request to the tgt daemon, Transport endpoint is not connected\n", 107);
        }
        String mode = o.get("--mode");
        String op = o.get("--op");
        if (mode == null) {
            return Outcome.error("specify the mode", 22);
        }
        if (op == null) {
            return Outcome.error("specify the operation type", 22);
        }
        if (!mode.equals("system") && !"iscsi".equals(o.get("--lld"))) {
            return Outcome.error(o.containsKey("--lld") ? "can't find the driver" : "specify the low level driver name", 22);
        }
        try {
            return switch (mode) {
                case "target" -> target(op, o);
                case "logicalunit" -> logicalUnit(op, o);
                case "account" -> account(op, o);
                default -> Outcome.error("unknown mode: " + mode, 1);
            };
        } catch (TgtState.TgtError e) {
            return Outcome.error(e.getMessage(), 22);
        } catch (NumberFormatException e) {
            return Outcome.error("invalid request", 22);
        }
    }

    private Outcome target(String op, Map<String, String> o) throws TgtState.TgtError {
        switch (op) {
            case "show" -> {
                return Outcome.ok(state.showTargets());
            }
            case "new" -> state.newTarget(tid(o), required(o, "--targetname"));
            case "delete" -> state.deleteTarget(tid(o), o.containsKey("--force"));
            case "bind" -> state.bindInitiator(tid(o), required(o, "--initiator-name"));
            case "unbind" -> state.unbindInitiator(tid(o), required(o, "--initiator-name"));
            default -> {
                return Outcome.error("unknown operation: " + op, 1);
            }
        }
        return Outcome.ok("");
    }

    private Outcome logicalUnit(String op, Map<String, String> o) throws TgtState.TgtError {
        switch (op) {
            case "new" -> {
                int tid = tid(o);
                int lun = Integer.parseInt(required(o, "--lun"));
                String path = required(o, "--backing-store");
                String bs = o.getOrDefault("--bstype", "rdwr");
                long size;
                try {
                    size = path.startsWith("/") && files.isFile(HostFiles.normalize(path)) ? files.size(HostFiles.normalize(path)) : -1;
                } catch (IOException e) {
                    size = -1;
                }
                if (size < 0 || !(bs.equals("rdwr") || bs.equals("aio"))) {
                    // tgtd checks the target first, then opens the backing store
                    state.newLun(tid, 0, path, 0);
                }
                state.newLun(tid, lun, HostFiles.normalize(path), size);
            }
            case "delete" -> state.deleteLun(tid(o), Integer.parseInt(required(o, "--lun")));
            default -> {
                return Outcome.error("unknown operation: " + op, 1);
            }
        }
        return Outcome.ok("");
    }

    private Outcome account(String op, Map<String, String> o) throws TgtState.TgtError {
        switch (op) {
            case "show" -> {
                return Outcome.ok(state.showAccounts());
            }
            case "new" -> state.newAccount(required(o, "--user"), required(o, "--password"));
            case "delete" -> state.deleteAccount(required(o, "--user"));
            case "bind" -> state.bindAccount(tid(o), required(o, "--user"));
            case "unbind" -> state.unbindAccount(tid(o), required(o, "--user"));
            default -> {
                return Outcome.error("unknown operation: " + op, 1);
            }
        }
        return Outcome.ok("");
    }

    private static int tid(Map<String, String> o) throws TgtState.TgtError {
        String t = o.get("--tid");
        if (t == null) {
            throw new TgtState.TgtError("invalid request");
        }
        return Integer.parseInt(t);
    }

    private static String required(Map<String, String> o, String key) throws TgtState.TgtError {
        String v = o.get(key);
        if (v == null) {
            throw new TgtState.TgtError("invalid request");
        }
        return v;
    }
}
