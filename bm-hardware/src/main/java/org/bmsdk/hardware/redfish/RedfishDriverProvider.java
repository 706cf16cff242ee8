package org.bmsdk.hardware.redfish;

import java.util.Objects;
import java.util.Set;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverProvider;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.hardware.redfish.internal.RedfishBmcClient;
import org.bmsdk.hardware.redfish.internal.RedfishConnection;

/**
 * The DMTF Redfish driver: id {@code redfish}, schemes {@code redfish} (HTTPS) and
 * {@code redfish+http}. Found by {@link java.util.ServiceLoader} with default options, or
 * registered by hand with others:
 *
 * <pre>{@code
 * BmcDriverRegistry registry = BmcDriverRegistry.create()
 *         .register(RedfishDriverProvider.create(RedfishOptions.builder().maxConcurrentRequests(1).build()));
 * BmcEndpoint bmc = BmcEndpoint.builder("redfish://10.0.0.5")
 *         .credentials(CredentialRef.env("BMC_USER", "BMC_PASS"))
 *         .build();
 * try (BmcClient client = registry.connect(bmc, DriverContext.defaults())) {
 *     client.require(PowerControl.class).perform(PowerAction.ON, Duration.ofMinutes(2));
 * }
 * }</pre>
 *
 * <p>What it guarantees:
 * <ul>
 *   <li>TLS certificates are verified against the JVM trust store, or the endpoint's CA file;
 *       {@code insecure} endpoints are accepted only with a WARN logged at every connect.
 *   <li>One budget per BMC ({@code host:port}) for the whole process: at most
 *       {@link RedfishOptions#maxConcurrentRequests()} requests in flight and
 *       {@link RedfishOptions#maxSessions()} sessions, shared by every client of that BMC. Clients
 *       with the same credentials share one session; the last one to close logs out.
 *   <li>Reads are retried with backoff on 503/504/429, resets and timeouts; writes only when the
 *       BMC says it is busy. Writes are read back: a change that did not take throws
 *       {@link org.bmsdk.api.NotAppliedException}.
 *   <li>No password or session token appears in any message, log line or {@code toString()}. The
 *       driver's HTTP connections do not log headers or wire data even when HttpClient's
 *       {@code org.apache.hc.client5.http.headers} or {@code ...wire} loggers are set to DEBUG;
 *       there is no switch to make them.
 * </ul>
 *
 * <p>Vendor differences (Dell iDRAC, HPE iLO, Lenovo XCC, Supermicro, OpenBMC) are handled by a
 * quirk table keyed by the service root's {@code Vendor}, {@code Product} and {@code Oem}.
 */
public final class RedfishDriverProvider implements BmcDriverProvider {

    /** The driver id. */
    public static final String ID = "redfish";

    private static final Set<String> SCHEMES = Set.of("redfish", "redfish+http");

    private final RedfishOptions options;

    /** A provider with the default options; the constructor {@link java.util.ServiceLoader} calls. */
    public RedfishDriverProvider() {
        this(RedfishOptions.defaults());
    }

    private RedfishDriverProvider(RedfishOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A provider with the given options.
     *
     * @param options the options
     * @return the provider
     */
    public static RedfishDriverProvider create(RedfishOptions options) {
        return new RedfishDriverProvider(options);
    }

    /** @return the options of the clients this provider creates */
    public RedfishOptions options() {
        return options;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> schemes() {
        return SCHEMES;
    }

    /**
     * Connects: reads the service root, logs in (a shared session, or Basic authentication when
     * the BMC has no session service) and finds the system to manage: the one the endpoint's path
     * names ({@code redfish://host/redfish/v1/Systems/1}), else {@link RedfishOptions#systemId()},
     * else the first.
     *
     * @param endpoint the BMC
     * @param context clock, listener and credential resolver
     * @return the client; close it to log out
     * @throws org.bmsdk.api.AuthenticationException when the certificate is not trusted or the credentials are refused
     * @throws org.bmsdk.api.TransportException when the BMC cannot be reached
     * @throws org.bmsdk.api.ConfigurationException when the endpoint names a system the BMC does not have
     */
    @Override
    public BmcClient connect(BmcEndpoint endpoint, DriverContext context) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(context, "context");
        return new RedfishBmcClient(RedfishConnection.open(endpoint, context, options), context);
    }

    @Override
    public String toString() {
        return "RedfishDriverProvider[" + options + "]";
    }
}
