package org.bmsdk.api.bmc;

import java.net.URI;
import java.util.List;

/**
 * Push delivery of a BMC's events (a Redfish EventService subscription), so that a failure
 * detector hears of a fault when it happens instead of at its next poll. The BMC posts to a
 * destination the caller runs, such as the Redfish driver's event receiver; the {@code context} it
 * echoes in every event tells the receiver which machine spoke.
 */
public interface EventSubscriptions extends BmcCapability {

    /**
     * Subscribes a destination to the BMC's events; the driver reads the subscription back.
     *
     * @param destination where the BMC posts events, an http(s) URL it can reach
     * @param context an opaque string the BMC returns with every event, such as a node id
     * @return the subscription
     * @throws org.bmsdk.api.NotAppliedException when the BMC accepted it but does not list it
     */
    EventSubscription subscribe(URI destination, String context);

    /**
     * The subscriptions the BMC has, this process's and any others'.
     *
     * @return the subscriptions
     */
    List<EventSubscription> subscriptions();

    /**
     * Removes a subscription; does nothing when it is already gone.
     *
     * @param id the subscription's id, as {@link EventSubscription#id()} gave it
     */
    void unsubscribe(String id);
}
