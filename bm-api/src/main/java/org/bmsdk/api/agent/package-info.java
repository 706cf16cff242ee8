/**
 * The service ramdisk's agent: in-band work on a node booted into a small ramdisk (reading its block
 * devices, erasing disks, reporting the switch ports its NICs are cabled to), for what a BMC cannot
 * do. The interfaces are transport-neutral; bm-hardware's SSH agent is one implementation.
 */
package org.bmsdk.api.agent;
