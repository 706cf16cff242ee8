/**
 * The service ramdisk's agent over SSH ({@link org.bmsdk.api.agent.RamdiskAgent} on bm-ssh): block
 * devices, erase and its proof, and LLDP neighbours, from plain Linux programs on the ramdisk
 * ({@code lsblk}, {@code dd}, {@code cmp}, {@code lldpctl}, {@code ip}), with the host key verified.
 */
package org.bmsdk.hardware.agent;
