package org.bmsdk.api.network;

import org.bmsdk.api.DriverContext;

/**
 * Opens CLI sessions on switches of one dialect. Found by {@link java.util.ServiceLoader} or
 * registered by hand in a {@link SwitchDriverRegistry}; chosen by the endpoint's dialect.
 * Implementations need a public no-argument constructor and must not do I/O when constructed.
 */
public interface SwitchDriver {

    /** @return the dialect, a netmiko device type such as {@code arista_eos} */
    String dialect();

    /**
     * Opens a session. The host key is verified against the endpoint's known_hosts; an unknown
     * key is an {@link org.bmsdk.api.AuthenticationException}.
     *
     * @param endpoint the switch
     * @param context clock, listener and credential resolver
     * @return the session
     */
    SwitchSession open(SwitchEndpoint endpoint, DriverContext context);
}
