package org.bmsdk.api.bmc;

import java.net.URI;
import java.util.Optional;

/** A virtual CD the BMC serves to the machine from an image URL. */
public interface VirtualMedia extends BmcCapability {

    /**
     * Inserts an image, ejecting whatever was inserted before.
     *
     * @param image an http(s) URL the BMC can fetch
     */
    void insert(URI image);

    /** Ejects the image; does nothing when none is inserted. */
    void eject();

    /**
     * The image inserted now.
     *
     * @return its URL, empty when none
     */
    Optional<URI> inserted();
}
