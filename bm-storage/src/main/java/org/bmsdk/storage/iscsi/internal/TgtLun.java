package org.bmsdk.storage.iscsi.internal;

/**
 * One logical unit of a tgt target, as {@code tgtadm --op show --mode target} lists it.
 *
 * @param lun its number (0 is tgt's own controller LUN)
 * @param type {@code controller}, {@code disk}, ...
 * @param backingPath the backing store path, or {@code ""} when tgt shows {@code None}
 */
public record TgtLun(int lun, String type, String backingPath) {
}
