package org.bmsdk.hardware.ipmi;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverProvider;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.hardware.ipmi.internal.IpmiClient;
import org.bmsdk.hardware.ipmi.internal.SessionPool;
import org.bmsdk.hardware.ipmi.internal.Sleeper;

/**
 * The IPMI v2.0 (RMCP+) BMC driver, id {@code ipmi}, for {@code ipmi://host[:port]} endpoints
 * (port 623 by default). It speaks the protocol itself over UDP; it does not run ipmitool.
 *
 * <p>Clients offer {@link org.bmsdk.api.bmc.PowerControl}, {@link org.bmsdk.api.bmc.BootControl},
 * {@link org.bmsdk.api.bmc.Health}, and, where the BMC has them, {@link org.bmsdk.api.bmc.SystemEventLog}
 * (the SEL), {@link org.bmsdk.api.bmc.Inventory} (FRU data as traits) and
 * {@link org.bmsdk.api.bmc.SerialConsole} (Serial-over-LAN; its sessions are {@link IpmiConsoleSession}s).
 *
 * <p>Every client of one BMC, user and options in the process shares one session, and commands to
 * one BMC go one at a time; all sessions share one UDP socket and one I/O thread, so a fleet of
 * thousands of BMCs needs no thread or socket per BMC. Sessions are closed (Close Session) when the
 * last client closes, and at JVM shutdown.
 *
 * <p>Found by {@link java.util.ServiceLoader} with the default {@link IpmiOptions}; register
 * {@link #create(IpmiOptions)} by hand for others:
 *
 * <pre>{@code
 * BmcDriverRegistry registry = BmcDriverRegistry.create()
 *         .register(IpmiDriverProvider.create(IpmiOptions.builder().privilege(IpmiPrivilege.OPERATOR).build()));
 * try (BmcClient bmc = registry.connect(BmcEndpoint.builder("ipmi://10.0.0.6")
 *         .credentials(CredentialRef.env("BMC_USER", "BMC_PASSWORD")).build(), DriverContext.defaults())) {
 *     bmc.require(PowerControl.class).perform(PowerAction.ON, Duration.ofMinutes(2));
 * }
 * }</pre>
 */
public final class IpmiDriverProvider implements BmcDriverProvider {

    /** The driver id. */
    public static final String ID = "ipmi";

    private final IpmiOptions options;

    /** The provider with default options, for {@link java.util.ServiceLoader}; does no I/O. */
    public IpmiDriverProvider() {
        this(IpmiOptions.defaults());
    }

    private IpmiDriverProvider(IpmiOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * A provider with the given options.
     *
     * @param options the options
     * @return the provider
     */
    public static IpmiDriverProvider create(IpmiOptions options) {
        return new IpmiDriverProvider(options);
    }

    /** @return the options this provider connects with */
    public IpmiOptions options() {
        return options;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Set<String> schemes() {
        return Set.of("ipmi");
    }

    /**
     * Connects to a BMC, opening a session (or joining the one already open for the same BMC, user
     * and options). The endpoint's connect timeout bounds opening the session.
     *
     * <p>The endpoint may add vendor workarounds to this provider's in its query, as FreeIPMI's
     * {@code -W} does: {@code ipmi://10.0.0.6?workarounds=opensesspriv,bootreadback}. That is how a
     * tool configured by endpoint strings alone (such as {@code bmctl}) reaches BMCs that need them.
     *
     * @throws org.bmsdk.api.AuthenticationException when the BMC refuses the user or the password is wrong
     * @throws org.bmsdk.api.ConfigurationException when the BMC offers no acceptable cipher suite, or
     *     the endpoint's query is not {@code workarounds=…} with known tokens
     * @throws org.bmsdk.api.OperationTimeoutException when the BMC does not answer
     */
    @Override
    public BmcClient connect(BmcEndpoint endpoint, DriverContext context) {
        return IpmiClient.connect(endpoint, context, withEndpointWorkarounds(options, endpoint), SessionPool.shared(),
                Sleeper.THREAD);
    }

    static IpmiOptions withEndpointWorkarounds(IpmiOptions options, BmcEndpoint endpoint) {
        String query = endpoint.uri().getQuery();
        if (query == null || query.isEmpty()) {
            return options;
        }
        Set<IpmiWorkaround> flags = EnumSet.noneOf(IpmiWorkaround.class);
        flags.addAll(options.workarounds());
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq < 0 || !pair.substring(0, eq).equals("workarounds")) {
                throw new ConfigurationException("unknown parameter '" + (eq < 0 ? pair : pair.substring(0, eq))
                        + "' in IPMI endpoint " + endpoint + "; the only one is workarounds=TOKEN,…");
            }
            flags.addAll(IpmiWorkaround.parse(pair.substring(eq + 1)));
        }
        return options.toBuilder().workarounds(flags).build();
    }

    @Override
    public String toString() {
        return "IpmiDriverProvider[" + options + "]";
    }
}
