package org.bmsdk.api.bmc;

import java.util.Set;
import org.bmsdk.api.DriverContext;

/**
 * Creates BMC clients for the endpoint schemes it handles. Found by {@link java.util.ServiceLoader}
 * (declared with {@code provides} in a module and in {@code META-INF/services}) or registered by
 * hand in a {@link BmcDriverRegistry}.
 *
 * <p>Implementations must have a public no-argument constructor for ServiceLoader, must not do I/O
 * when constructed, and must not change another provider's behaviour.
 */
public interface BmcDriverProvider {

    /** @return a stable id, such as {@code redfish} or {@code ipmi} */
    String id();

    /** @return the endpoint schemes this driver handles, such as {@code redfish} and {@code redfish+http} */
    Set<String> schemes();

    /**
     * Connects to a BMC. Implementations verify TLS or host identity as the endpoint asks and
     * throw {@link org.bmsdk.api.AuthenticationException} or {@link org.bmsdk.api.TransportException}
     * when that fails.
     *
     * @param endpoint the BMC
     * @param context clock, listener and credential resolver
     * @return the client
     */
    BmcClient connect(BmcEndpoint endpoint, DriverContext context);
}
