package org.bmsdk.api.bmc;

import java.net.URI;
import java.util.Objects;

/**
 * One event subscription on a BMC.
 *
 * @param id the BMC's id for it (for Redfish, the subscription's path)
 * @param destination where the BMC posts events
 * @param context the string the BMC returns with every event, or {@code ""}
 */
public record EventSubscription(String id, URI destination, String context) {

    /** Validates the components. */
    public EventSubscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(context, "context");
    }
}
