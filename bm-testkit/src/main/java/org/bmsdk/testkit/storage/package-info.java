/**
 * A simulated Linux storage host running tgt: an SSH server that runs the commands of bm-sdk's tgt
 * volume driver ({@code tgtadm}, and the shell commands that make the volume files) with tgt's
 * real output and error messages, and an iSCSI portal that real initiators log in to. Build a
 * {@link org.bmsdk.testkit.storage.StorageHostSpec}, start a
 * {@link org.bmsdk.testkit.storage.SimulatedStorageHost}, point the driver at it.
 */
package org.bmsdk.testkit.storage;
