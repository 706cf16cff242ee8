package org.bmsdk.storage.backup;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a verify found: every chunk of the snapshots checked was read, decrypted, decompressed and
 * hashed again; each damaged or missing chunk names the snapshots that need it.
 *
 * @param snapshotsChecked how many snapshots were checked
 * @param chunksChecked how many distinct chunks were read
 * @param bytesChecked their plain bytes
 * @param damage what is wrong, empty when all is well
 */
public record VerifyReport(int snapshotsChecked, int chunksChecked, long bytesChecked, List<Damage> damage) {

    /** Copies the list. */
    public VerifyReport {
        damage = List.copyOf(damage);
    }

    /** @return true when nothing is damaged */
    public boolean isClean() {
        return damage.isEmpty();
    }

    /** @return the ids of every snapshot that cannot be restored whole, sorted */
    public Set<String> damagedSnapshots() {
        Set<String> ids = new TreeSet<>();
        damage.forEach(d -> ids.addAll(d.snapshots()));
        return ids;
    }

    /**
     * One damaged object.
     *
     * @param object what is damaged: {@code chunk <id>} or {@code snapshot <id>}
     * @param problem what is wrong with it
     * @param snapshots the snapshots that need it, sorted
     */
    public record Damage(String object, String problem, List<String> snapshots) {

        /** Validates and copies the components. */
        public Damage {
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(problem, "problem");
            snapshots = List.copyOf(new TreeSet<>(snapshots));
        }
    }
}
