/**
 * Block volumes on a Linux storage host running the tgt iSCSI target, driven over SSH
 * ({@link org.bmsdk.storage.iscsi.TgtStorage}), and boot from volume
 * ({@link org.bmsdk.storage.iscsi.IpxeSanboot}).
 */
package org.bmsdk.storage.iscsi;
