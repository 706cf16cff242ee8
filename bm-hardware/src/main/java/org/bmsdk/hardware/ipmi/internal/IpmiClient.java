package org.bmsdk.hardware.ipmi.internal;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.UnsupportedCapabilityException.Reason;
import org.bmsdk.api.bmc.BmcCapability;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.api.bmc.SystemEventLog;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.hardware.ipmi.IpmiOptions;

/**
 * A client of one BMC over IPMI: power, boot device, health, and, where the BMC has them, the SEL,
 * FRU inventory and the serial console (Serial-over-LAN). It holds a lease on the process's shared session with that BMC; closing the
 * last lease closes the session.
 */
public final class IpmiClient implements BmcClient {

    private final BmcEndpoint endpoint;
    private final SessionPool.Lease lease;
    private final IpmiConnection connection;
    private final IpmiPowerControl power;
    private final IpmiBootControl boot;
    private final IpmiEventLog sel;
    private final Map<Class<?>, Optional<Unavailable>> probed = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private IpmiClient(BmcEndpoint endpoint, SessionPool.Lease lease, IpmiConnection connection) {
        this.endpoint = endpoint;
        this.lease = lease;
        this.connection = connection;
        this.power = new IpmiPowerControl(connection);
        this.boot = new IpmiBootControl(connection);
        this.sel = new IpmiEventLog(connection);
    }

    /**
     * Connects: resolves the credentials and leases (opening when needed) the session with the BMC.
     *
     * @param endpoint the BMC, {@code ipmi://host[:port]}
     * @param context clock, listener, credential resolver
     * @param options driver options
     * @param pool the session pool
     * @param sleeper how to wait
     * @return the client
     */
    public static IpmiClient connect(BmcEndpoint endpoint, DriverContext context, IpmiOptions options, SessionPool pool,
            Sleeper sleeper) {
        String display = "ipmi://" + endpoint.host() + ":" + endpoint.port();
        ErrorContext where = ErrorContext.of(display, "ipmi", "connect");
        if (endpoint.port() < 1 || endpoint.port() > 65535) {
            throw new ConfigurationException("IPMI endpoint needs a port in 1..65535, but was " + endpoint.port(), where);
        }
        InetSocketAddress peer = new InetSocketAddress(endpoint.host(), endpoint.port());
        if (peer.isUnresolved()) {
            throw new TransportException("cannot resolve BMC host " + endpoint.host(), where);
        }
        Credentials credentials = context.credentials().resolve(endpoint.credentials());
        SessionPool.Lease lease = pool.acquire(peer, credentials.username(), credentials.password(), options, display,
                context.clock(), sleeper, endpoint.connectTimeout());
        return new IpmiClient(endpoint, lease, new IpmiConnection(lease.session(), display, options, context, sleeper));
    }

    @Override
    public BmcEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String driverId() {
        return "ipmi";
    }

    @Override
    public <T extends BmcCapability> Optional<T> capability(Class<T> type) {
        if (whyUnavailable(type).isPresent()) {
            return Optional.empty();
        }
        Object c = type == PowerControl.class ? power
                : type == BootControl.class ? boot
                : type == SystemEventLog.class ? sel
                : type == Health.class ? new IpmiHealth(connection, whyUnavailable(SystemEventLog.class).isEmpty() ? sel : null)
                : type == Inventory.class ? new IpmiInventory(connection)
                : type == SerialConsole.class ? new IpmiSerialConsole(connection, lease.session()) : null;
        return Optional.ofNullable(c).map(type::cast);
    }

    @Override
    public Optional<Unavailable> whyUnavailable(Class<? extends BmcCapability> type) {
        if (closed) {
            return Optional.of(new Unavailable(Reason.NOT_IN_CURRENT_STATE, "the client is closed"));
        }
        if (type == PowerControl.class || type == BootControl.class || type == Health.class) {
            return Optional.empty();
        }
        if (type == SerialConsole.class) {
            return probed.computeIfAbsent(type, t -> probe(() -> IpmiSerialConsole.whyMissing(connection)));
        }
        if (type == SystemEventLog.class) {
            return probed.computeIfAbsent(type, t -> probe(() -> {
                IpmiResponse r = connection.call(Commands.getSelInfo(), connection.context("sel.probe"));
                return r.ok() ? null : "the BMC has no SEL (" + CompletionCodes.describe(r.completionCode()) + ")";
            }));
        }
        if (type == Inventory.class) {
            return probed.computeIfAbsent(type, t -> probe(() -> IpmiInventory.whyMissing(connection)));
        }
        return Optional.of(new Unavailable(Reason.NOT_OFFERED, "the ipmi driver does not offer " + type.getSimpleName()));
    }

    private Optional<Unavailable> probe(java.util.function.Supplier<String> check) {
        try {
            String why = check.get();
            return why == null ? Optional.empty() : Optional.of(new Unavailable(Reason.NOT_OFFERED, why));
        } catch (BareMetalException e) {
            // not cached: a BMC that did not answer now may answer later
            throw e;
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            connection.close();
            lease.close();
        }
    }

    /** @return the shared session behind this client, for tests */
    SharedSession sharedSession() {
        return lease.session();
    }

    @Override
    public String toString() {
        return "IpmiClient[" + connection.endpoint() + (closed ? ", closed" : "") + "]";
    }
}
