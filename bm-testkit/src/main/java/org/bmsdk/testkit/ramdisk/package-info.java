/**
 * The simulated service ramdisk: once a {@link org.bmsdk.testkit.machine.SimulatedMachine} boots
 * from the network (or from a ramdisk image as virtual media), a
 * {@link org.bmsdk.testkit.ramdisk.SimulatedRamdisk} attached to it answers SSH on 127.0.0.1 as a
 * real ramdisk does: the machine's disks are block devices ({@code /dev/sda}, {@code /dev/nvme0n1})
 * that {@code cat} and {@code dd} read and write, {@code lsblk}, {@code blockdev},
 * {@code blkdiscard} and {@code cmp} work on them, and {@code lldpctl -f keyvalue} and
 * {@code ip -o link} name each NIC and the switch port it is cabled to. Power off or reset ends
 * the server and its connections.
 */
package org.bmsdk.testkit.ramdisk;
