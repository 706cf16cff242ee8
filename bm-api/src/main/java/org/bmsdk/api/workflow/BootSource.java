package org.bmsdk.api.workflow;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a provisioned node boots from.
 *
 * @param kind from its volume, from an image on virtual media, from the network, or from its own disk
 * @param image the image URL for {@link Kind#VIRTUAL_MEDIA}, else null
 */
public record BootSource(Kind kind, URI image) {

    /** The ways a node can boot its tenant's system. */
    public enum Kind {
        /**
         * From the first attached volume, over iSCSI; the BMC is set to network boot, where the
         * tenant network's iPXE does the SAN boot (as Ironic's iPXE boot-from-volume does).
         */
        VOLUME,
        /** From an image the BMC serves as a virtual CD. */
        VIRTUAL_MEDIA,
        /** From the network (PXE), on the tenant's networks. */
        PXE,
        /**
         * From the node's own disk, holding the system an earlier deploy or a restored disk
         * snapshot left there (bm-ha's failover onto a spare restores one, then boots it).
         */
        DISK
    }

    /** Validates that an image is given exactly for virtual media. */
    public BootSource {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.VIRTUAL_MEDIA) != (image != null)) {
            throw new IllegalArgumentException("an image URL is needed for VIRTUAL_MEDIA and only for it, but kind was " + kind
                    + " and image " + image);
        }
    }

    /** @return boot from the first attached volume */
    public static BootSource volume() {
        return new BootSource(Kind.VOLUME, null);
    }

    /**
     * Boot from an image on virtual media.
     *
     * @param image an http(s) URL the BMC can fetch
     * @return the source
     */
    public static BootSource virtualMedia(URI image) {
        return new BootSource(Kind.VIRTUAL_MEDIA, Objects.requireNonNull(image, "image"));
    }

    /** @return boot from the network */
    public static BootSource pxe() {
        return new BootSource(Kind.PXE, null);
    }

    /** @return boot from the node's own disk */
    public static BootSource disk() {
        return new BootSource(Kind.DISK, null);
    }

    /** @return the image, empty unless virtual media */
    public Optional<URI> imageIfAny() {
        return Optional.ofNullable(image);
    }
}
