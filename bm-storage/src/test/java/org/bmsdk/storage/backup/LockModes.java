package org.bmsdk.storage.backup;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bmsdk.api.ConflictException;
import org.bmsdk.api.storage.BackupRepository;

/** The lock rules every repository keeps, checked through two handles on one repository. */
final class LockModes {

    private LockModes() {
    }

    /**
     * Readers run beside each other and beside a backup; a prune waits for all of them, and keeps
     * them and backups out while it runs.
     */
    static void check(BackupRepository one, BackupRepository two) {
        BackupRepository.Lock r1 = one.readLock("restore of snap-1");
        BackupRepository.Lock r2 = two.readLock("verify");
        two.lock("backup of /dev/sda").close();
        ConflictException busy = assertThrows(ConflictException.class, () -> one.exclusiveLock("prune"));
        assertTrue(busy.getMessage().contains("being read"), busy.getMessage());
        // The refused prune gave the writer lock back.
        two.lock("backup of /dev/sda").close();
        r1.close();
        assertThrows(ConflictException.class, () -> one.exclusiveLock("prune"), "one reader is enough to keep a prune out");
        r2.close();
        try (BackupRepository.Lock prune = one.exclusiveLock("prune")) {
            ConflictException e = assertThrows(ConflictException.class, () -> two.readLock("list"));
            assertTrue(e.getMessage().contains("being pruned"), e.getMessage());
            assertThrows(ConflictException.class, () -> two.lock("backup of /dev/sda"));
        }
        two.readLock("list").close();
        one.exclusiveLock("prune").close();
    }
}
