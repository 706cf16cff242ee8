package org.bmsdk.ha;

import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;

/**
 * Restores a failed node's latest disk snapshot onto a spare, for nodes that boot from their own
 * disk ({@link org.bmsdk.api.workflow.BootSource#disk()}). Usually through the service ramdisk and a
 * {@link org.bmsdk.api.storage.BackupRepository}; bm-ha only calls it.
 */
@FunctionalInterface
public interface SnapshotRestorer {

    /**
     * Restores the latest snapshot of one node's disk onto another's and returns once verified.
     * Must be idempotent: a resumed failover calls it again after a crash.
     *
     * @param from the failed node whose snapshot is restored
     * @param onto the spare
     * @return what was restored, readable (a snapshot id, its time)
     */
    String restoreLatest(NodeId from, Node onto);
}
