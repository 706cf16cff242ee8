package org.bmsdk.testkit.machine;

import java.util.Objects;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;

/**
 * One disk of a simulated machine.
 *
 * @param name the device's name for it, such as {@code Disk.Bay.0}
 * @param media HDD, SSD or NVMe
 * @param protocol SATA, SAS or NVMe
 * @param sizeBytes capacity in bytes, positive
 * @param serial the serial number, or {@code ""}
 * @param initialContents what the disk holds before anything is written
 */
public record DiskSpec(String name, DiskMedia media, DiskProtocol protocol, long sizeBytes, String serial,
        DiskContents initialContents) {

    /** Validates the components. */
    public DiskSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(serial, "serial");
        Objects.requireNonNull(initialContents, "initialContents");
        if (name.isBlank()) {
            throw new IllegalArgumentException("disk name must not be blank");
        }
        if (sizeBytes <= 0) {
            throw new IllegalArgumentException("sizeBytes must be positive, but was " + sizeBytes);
        }
    }

    /**
     * A blank disk with no serial number.
     *
     * @param name the device's name for it
     * @param media HDD, SSD or NVMe
     * @param protocol SATA, SAS or NVMe
     * @param sizeBytes capacity in bytes
     * @return the disk
     */
    public static DiskSpec of(String name, DiskMedia media, DiskProtocol protocol, long sizeBytes) {
        return new DiskSpec(name, media, protocol, sizeBytes, "", DiskContents.zeros());
    }

    /**
     * A copy of this disk holding other initial contents.
     *
     * @param contents what the disk holds before anything is written
     * @return the copy
     */
    public DiskSpec withInitialContents(DiskContents contents) {
        return new DiskSpec(name, media, protocol, sizeBytes, serial, contents);
    }

    /**
     * A copy of this disk with a serial number.
     *
     * @param newSerial the serial number
     * @return the copy
     */
    public DiskSpec withSerial(String newSerial) {
        return new DiskSpec(name, media, protocol, sizeBytes, newSerial, initialContents);
    }

    /**
     * This disk as inspection reports it.
     *
     * @return the inventory record
     */
    public Disk toDisk() {
        return new Disk(name, media, protocol, sizeBytes, serial);
    }
}
