package org.bmsdk.testkit.storage.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What tgtd holds in memory: targets by id, each with its LUNs, bound accounts, ACL of initiator
 * names and logged-in sessions (I_T nexus), and the global list of incoming CHAP accounts. The
 * tgtadm commands and the iSCSI portal share one instance; every method is synchronized on it.
 */
public final class TgtState {

    /** tgt's errors as tgtadm prints them after "tgtadm: "; each exits with status 22 (EINVAL). */
    public static final class TgtError extends Exception {
        private static final long serialVersionUID = 1L;

        TgtError(String message) {
            super(message, null, false, false);
        }
    }

    /** A LUN backed by a file of the host. */
    public record Lun(int lun, String path, long size) {
    }

    /** A logged-in session, as {@code I_T nexus information} shows it. */
    public record Nexus(long id, String initiator, String address) {
    }

    /** One target. */
    public static final class Target {
        final int tid;
        final String name;
        final TreeMap<Integer, Lun> luns = new TreeMap<>();
        final List<String> accounts = new ArrayList<>();
        final List<String> acl = new ArrayList<>();
        final Map<Long, Nexus> nexus = new LinkedHashMap<>();
        final Map<Long, Runnable> onDelete = new LinkedHashMap<>();

        Target(int tid, String name) {
            this.tid = tid;
            this.name = name;
        }

        /** @return the target id */
        public int tid() {
            return tid;
        }

        /** @return the target name (IQN) */
        public String name() {
            return name;
        }
    }

    private final TreeMap<Integer, Target> targets = new TreeMap<>();
    private final Map<String, String> accounts = new LinkedHashMap<>();
    private final AtomicLong nexusIds = new AtomicLong();

    // ---- tgtadm operations

    synchronized void newTarget(int tid, String name) throws TgtError {
        if (tid <= 0 || name.isEmpty()) {
            throw new TgtError("invalid request");
        }
        if (targets.containsKey(tid) || targets.values().stream().anyMatch(t -> t.name.equals(name))) {
            throw new TgtError("this target already exists");
        }
        targets.put(tid, new Target(tid, name));
    }

    synchronized void deleteTarget(int tid, boolean force) throws TgtError {
        Target t = target(tid);
        if (!t.nexus.isEmpty() && !force) {
            throw new TgtError("this target is still active");
        }
        targets.remove(tid);
        t.nexus.clear();
        t.onDelete.values().forEach(Runnable::run);
    }

    synchronized void newLun(int tid, int lun, String path, long size) throws TgtError {
        Target t = target(tid);
        if (lun <= 0 || t.luns.containsKey(lun)) {
            throw new TgtError(lun == 0 ? "invalid request" : "this logical unit number already exists");
        }
        t.luns.put(lun, new Lun(lun, path, size));
    }

    synchronized void deleteLun(int tid, int lun) throws TgtError {
        if (target(tid).luns.remove(lun) == null) {
            throw new TgtError("can't find the logical unit");
        }
    }

    synchronized void newAccount(String user, String password) throws TgtError {
        if (accounts.containsKey(user)) {
            throw new TgtError("this account already exists");
        }
        accounts.put(user, password);
    }

    synchronized void deleteAccount(String user) throws TgtError {
        if (accounts.remove(user) == null) {
            throw new TgtError("can't find the account");
        }
        targets.values().forEach(t -> t.accounts.remove(user));
    }

    synchronized void bindAccount(int tid, String user) throws TgtError {
        Target t = target(tid);
        if (!accounts.containsKey(user)) {
            throw new TgtError("can't find the account");
        }
        if (t.accounts.contains(user)) {
            throw new TgtError("this account already exists");
        }
        t.accounts.add(user);
    }

    synchronized void unbindAccount(int tid, String user) throws TgtError {
        if (!target(tid).accounts.remove(user)) {
            throw new TgtError("can't find the account");
        }
    }

    synchronized void bindInitiator(int tid, String initiator) throws TgtError {
        Target t = target(tid);
        if (t.acl.contains(initiator)) {
            throw new TgtError("this access control rule already exists");
        }
        t.acl.add(initiator);
    }

    synchronized void unbindInitiator(int tid, String initiator) throws TgtError {
        if (!target(tid).acl.remove(initiator)) {
            throw new TgtError("this access control rule does not exist");
        }
    }

    private Target target(int tid) throws TgtError {
        Target t = targets.get(tid);
        if (t == null) {
            throw new TgtError("can't find the target");
        }
        return t;
    }

    // ---- show

    /** @return {@code tgtadm --mode target --op show}, byte for byte as tgt 1.0.85 prints it */
    public synchronized String showTargets() {
        StringBuilder sb = new StringBuilder();
        for (Target t : targets.values()) {
            sb.append("Target ").append(t.tid).append(": ").append(t.name).append('\n');
            sb.append("    System information:\n");
            sb.append("        Driver: iscsi\n");
            sb.append("        State: ready\n");
            sb.append("    I_T nexus information:\n");
            for (Nexus n : t.nexus.values()) {
                sb.append("        I_T nexus: ").append(n.id()).append('\n');
                sb.append("            Initiator: ").append(n.initiator()).append(" alias: none\n");
                sb.append("            Connection: 0\n");
                sb.append("                IP Address: ").append(n.address()).append('\n');
            }
            sb.append("    LUN information:\n");
            lun(sb, t.tid, 0, "controller", 0, 1, "null", "None");
            for (Lun l : t.luns.values()) {
                lun(sb, t.tid, l.lun(), "disk", l.size(), 512, "rdwr", l.path());
            }
            sb.append("    Account information:\n");
            t.accounts.forEach(a -> sb.append("        ").append(a).append('\n'));
            sb.append("    ACL information:\n");
            t.acl.forEach(a -> sb.append("        ").append(a).append('\n'));
        }
        return sb.toString();
    }

    private static void lun(StringBuilder sb, int tid, int lun, String type, long size, int block, String bsType, String path) {
        sb.append("        LUN: ").append(lun).append('\n');
        sb.append("            Type: ").append(type).append('\n');
        sb.append("            SCSI ID: ").append(scsiId(tid, lun)).append('\n');
        sb.append("            SCSI SN: ").append(serial(tid, lun)).append('\n');
        sb.append("            Size: ").append(size / 1_000_000).append(" MB, Block size: ").append(block).append('\n');
        sb.append("            Online: Yes\n");
        sb.append("            Removable media: No\n");
        sb.append("            Prevent removal: No\n");
        sb.append("            Readonly: No\n");
        sb.append("            SWP: No\n");
        sb.append("            Thin-provisioning: No\n");
        sb.append("            Backing store type: ").append(bsType).append('\n');
        sb.append("            Backing store path: ").append(path).append('\n');
        sb.append("            Backing store flags: \n");
    }

    /** @return tgt's default SCSI ID of a LUN: {@code IET} and the target and LUN in hex */
    public static String scsiId(int tid, int lun) {
        return String.format("IET     %04x%04x", tid, lun);
    }

    /** @return tgt's default serial number of a LUN */
    public static String serial(int tid, int lun) {
        return "beaf" + tid + lun;
    }

    /** @return {@code tgtadm --mode account --op show} */
    public synchronized String showAccounts() {
        if (accounts.isEmpty()) {
            // tgt prints nothing at all, not even the heading
            return "";
        }
        StringBuilder sb = new StringBuilder("Account list:\n");
        accounts.keySet().forEach(a -> sb.append("    ").append(a).append('\n'));
        return sb.toString();
    }

    // ---- for the iSCSI portal

    /** A snapshot of a target, as the portal needs it. */
    public record TargetView(int tid, String name, List<Lun> luns, List<String> acl, Map<String, String> chap) {
        /** @return whether an initiator may log in (the ACL names it, or {@code ALL}) */
        public boolean allows(String initiator) {
            return acl.contains("ALL") || acl.contains(initiator);
        }

        /** Names the target, never a CHAP secret. */
        @Override
        public String toString() {
            return "TargetView[" + tid + " " + name + ", luns " + luns + ", acl " + acl + ", accounts " + chap.keySet() + "]";
        }
    }

    /** @return every target, in tid order */
    public synchronized List<TargetView> views() {
        return targets.values().stream().map(this::view).toList();
    }

    /** @return the target of that name */
    public synchronized Optional<TargetView> view(String name) {
        return targets.values().stream().filter(t -> t.name.equals(name)).findFirst().map(this::view);
    }

    private TargetView view(Target t) {
        Map<String, String> chap = new LinkedHashMap<>();
        t.accounts.forEach(a -> chap.put(a, accounts.get(a)));
        return new TargetView(t.tid, t.name, List.copyOf(t.luns.values()), List.copyOf(t.acl), chap);
    }

    /**
     * Records a session logged in to a target; {@code onDelete} runs when the target is deleted
     * (with {@code --force}), so that the portal drops the connection as tgtd does.
     *
     * @return the nexus id, or empty when the target is gone
     */
    public synchronized Optional<Long> addNexus(String target, String initiator, String address, Runnable onDelete) {
        for (Target t : targets.values()) {
            if (t.name.equals(target)) {
                long id = nexusIds.incrementAndGet();
                t.nexus.put(id, new Nexus(id, initiator, address));
                t.onDelete.put(id, onDelete);
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** Forgets a session that logged out or dropped. */
    public synchronized void removeNexus(long id) {
        targets.values().forEach(t -> {
            t.nexus.remove(id);
            t.onDelete.remove(id);
        });
    }

    /** @return whether the target still exists and still lets this initiator in */
    public synchronized boolean stillAllowed(String target, String initiator) {
        return view(target).map(v -> v.allows(initiator)).orElse(false);
    }
}
