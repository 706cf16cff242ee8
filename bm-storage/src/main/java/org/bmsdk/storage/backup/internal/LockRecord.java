package org.bmsdk.storage.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a lock object holds: who took it (a random owner id, the host, the process and when that
 * process started), what for, and until when it is valid unless renewed.
 *
 * @param owner a random id of this holder
 * @param host the holder's host name
 * @param pid the holder's process id
 * @param processStart when that process started, or null when unknown (it tells a reused pid apart)
 * @param purpose what the lock is for, shown to whoever finds it taken
 * @param since when it was taken
 * @param expires when it lapses unless renewed
 * @param exclusive whether it also keeps readers out (a prune's)
 */
public record LockRecord(String owner, String host, long pid, Instant processStart, String purpose, Instant since,
        Instant expires, boolean exclusive) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the components. */
    public LockRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(expires, "expires");
    }

    /**
     * The same holder with a new expiry.
     *
     * @param newExpiry the expiry
     * @return the renewed record
     */
    public LockRecord renewedUntil(Instant newExpiry) {
        return new LockRecord(owner, host, pid, processStart, purpose, since, newExpiry, exclusive);
    }

    /** @return the record as JSON */
    public byte[] encode() {
        ObjectNode n = JSON.createObjectNode();
        n.put("owner", owner).put("host", host).put("pid", pid);
        if (processStart != null) {
            n.put("processStart", processStart.toString());
        }
        n.put("purpose", purpose).put("since", since.toString()).put("expires", expires.toString()).put("exclusive", exclusive);
        try {
            return JSON.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads a record.
     *
     * @param data JSON from {@link #encode()}
     * @return the record, empty when the data is not one
     */
    public static Optional<LockRecord> decode(byte[] data) {
        try {
            JsonNode n = JSON.readTree(data);
            if (n == null || !n.isObject()) {
                return Optional.empty();
            }
            JsonNode start = n.get("processStart");
            return Optional.of(new LockRecord(n.required("owner").asText(), n.required("host").asText(),
                    n.required("pid").asLong(), start == null ? null : Instant.parse(start.asText()),
                    n.required("purpose").asText(), Instant.parse(n.required("since").asText()),
                    Instant.parse(n.required("expires").asText()), n.path("exclusive").asBoolean(false)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the holding process is known to be gone: it ran on this host, and no process with its
     * pid and start time runs now. A lock of another host is only ever judged by its expiry.
     *
     * @param localHost this host's name
     * @return true when the holder died without releasing the lock
     */
    public boolean holderDeadOn(String localHost) {
        if (!host.equals(localHost)) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive() || isZombie(pid)) {
            return true;
        }
        Optional<Instant> started = process.get().info().startInstant();
        return processStart != null && started.isPresent() && !started.get().equals(processStart);
    }

    @Override
    public String toString() {
        return purpose + " on " + host + " pid " + pid + " since " + since + ", valid until " + expires;
    }

    /** A killed process stays a zombie until its parent reaps it, and still "exists" meanwhile. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** @return this host's name, as lock records give it */
    static String localHost() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/hostname")).strip();
        } catch (IOException | RuntimeException e) {
            // Not Linux: fall through.
        }
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name.strip();
        }
        try {
            // May cost a name lookup, hence the last resort.
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
