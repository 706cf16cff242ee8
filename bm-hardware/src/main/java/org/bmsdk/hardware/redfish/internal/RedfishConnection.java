package org.bmsdk.hardware.redfish.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.event.EventListener;
import org.bmsdk.hardware.redfish.RedfishOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's link to one BMC, set up in order: trust and limits, the service root (read without
 * credentials, as Redfish allows), the vendor's quirks, authentication (a shared session, or Basic
 * when the BMC has no sessions or none is free), then the system this client manages. Whatever
 * fails on the way releases what was taken, the session above all.
 */
public final class RedfishConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedfishConnection.class);
    private static final String ROOT = "/redfish/v1/";

    private final BmcEndpoint endpoint;
    private final RedfishHttp http;
    private final EventListener events;
    private final Resource root;
    private final String systemPath;
    private volatile java.net.InetSocketAddress socketAddress;
    private volatile javax.net.ssl.SSLContext sslContext;

    private RedfishConnection(BmcEndpoint endpoint, RedfishHttp http, EventListener events, Resource root, String systemPath) {
        this.endpoint = endpoint;
        this.http = http;
        this.events = events;
        this.root = root;
        this.systemPath = systemPath;
    }

    /**
     * Connects.
     *
     * @param endpoint the BMC
     * @param context clock, listener, credentials
     * @param options the driver's options
     * @return the connection
     * @throws BareMetalException typed, for every failure
     */
    public static RedfishConnection open(BmcEndpoint endpoint, DriverContext context, RedfishOptions options) {
        return open(endpoint, context, options,
                ctx -> new HttpTransport(endpoint, options.maxConcurrentRequests(), options.maxResponseBytes(), ctx));
    }

    /**
     * Connects over a given transport (tests use an in-memory one).
     *
     * @param endpoint the BMC
     * @param context clock, listener, credentials
     * @param options the driver's options
     * @param transports makes the transport, given the error context
     * @return the connection
     */
    static RedfishConnection open(BmcEndpoint endpoint, DriverContext context, RedfishOptions options,
            java.util.function.Function<ErrorContext, Transport> transports) {
        BmcAddress address = BmcAddress.of(endpoint);
        ErrorContext ctx = address.context("connect");
        EventListener events = EventListener.guarded(context.listener());
        Clock clock = context.clock();
        Instant start = clock.instant();
        events.operationStarted(ctx);
        try {
            RedfishConnection c = connect(endpoint, context, options, address, events, ctx, transports);
            events.operationSucceeded(ctx, Duration.between(start, clock.instant()));
            return c;
        } catch (BareMetalException e) {
            events.operationFailed(ctx, Duration.between(start, clock.instant()), e);
            throw e;
        }
    }

    private static RedfishConnection connect(BmcEndpoint endpoint, DriverContext context, RedfishOptions options, BmcAddress address,
            EventListener events, ErrorContext ctx, java.util.function.Function<ErrorContext, Transport> transports) {
        if (endpoint.insecure()) {
            LOG.warn("[{}] TLS certificate verification is OFF for this BMC (endpoint marked insecure): "
                    + "anyone on the path can read its credentials", ctx);
        }
        String wantedSystem = systemIdFrom(endpoint, options, ctx);
        Credentials credentials = context.credentials().resolve(endpoint.credentials());
        BmcBudget budget = BmcBudget.of(address.authority(), options.maxConcurrentRequests(), options.maxSessions());
        Transport transport = transports.apply(ctx);
        RedfishHttp http = new RedfishHttp(address, transport, budget, options, context.clock(), events, endpoint.requestTimeout());
        try {
            Resource root = readRoot(http, credentials, ctx);
            http.quirks(QuirkRegistry.standard().forRoot(root));
            http.auth(authenticate(http, root, credentials, budget, options, endpoint.connectTimeout(), ctx));
            String system = chooseSystem(http, root, wantedSystem, ctx);
            return new RedfishConnection(endpoint, http, events, root, system);
        } catch (RuntimeException e) {
            http.auth().release(http);
            http.close();
            throw e instanceof BareMetalException ? e : new DeviceException("connecting failed: " + e.getClass().getSimpleName(),
                    ctx, "bm.Unexpected", false, e);
        }
    }

    private static Resource readRoot(RedfishHttp http, Credentials credentials, ErrorContext ctx) {
        HttpResult r = http.exchangeWith(ctx, "GET", ROOT, null, java.util.Map.of(), Auth.NONE);
        if (r.status() == 401) {
            // The standard makes the root public; a few BMCs want credentials even there.
            r = http.exchangeWith(ctx, "GET", ROOT, null, java.util.Map.of(), Auth.basic(credentials));
        }
        http.requireOk(r, ctx);
        return new Resource(r.path(), Json.parseObject(r, ctx), ctx, null);
    }

    private static Auth authenticate(RedfishHttp http, Resource root, Credentials credentials, BmcBudget budget, RedfishOptions options,
            Duration slotWait, ErrorContext ctx) {
        Optional<String> sessions = options.sessions() ? sessionsLink(http, root, credentials, ctx) : Optional.empty();
        if (sessions.isEmpty()) {
            return Auth.basic(credentials);
        }
        SharedSession s = SharedSession.acquire(http.address().authority(), credentials, budget, sessions.get());
        try {
            s.open(http, slotWait, ctx);
            return s;
        } catch (SharedSession.NoSlotException e) {
            s.release(http);
            LOG.info("[{}] every session slot of this BMC is in use by this process; using Basic authentication", ctx);
            return Auth.basic(credentials);
        } catch (SharedSession.UnsupportedException e) {
            s.release(http);
            LOG.info("[{}] the BMC refused a session ({}); using Basic authentication", ctx, e.getMessage());
            return Auth.basic(credentials);
        } catch (RuntimeException e) {
            s.release(http);
            throw e;
        }
    }

    private static Optional<String> sessionsLink(RedfishHttp http, Resource root, Credentials credentials, ErrorContext ctx) {
        Optional<String> direct = root.link("Links", "Sessions");
        if (direct.isPresent()) {
            return direct;
        }
        Optional<String> service = root.link("SessionService");
        if (service.isEmpty()) {
            return Optional.empty();
        }
        // Older services link only the SessionService, and some show it only to a known user.
        HttpResult r = http.exchangeWith(ctx, "GET", service.get(), null, java.util.Map.of(), Auth.basic(credentials));
        if (!r.ok()) {
            return Optional.empty();
        }
        return new Resource(r.path(), Json.parseObject(r, ctx), ctx, null).link("Sessions");
    }

    private static String systemIdFrom(BmcEndpoint endpoint, RedfishOptions options, ErrorContext ctx) {
        if (endpoint.uri().getRawQuery() != null) {
            throw new ConfigurationException("a Redfish endpoint takes no query, but was given '?" + endpoint.uri().getRawQuery()
                    + "'", ctx);
        }
        String path = endpoint.uri().getPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return options.systemId().orElse(null);
        }
        String p = path.replaceAll("/+$", "");
        String prefix = "/redfish/v1/Systems/";
        String id = p.startsWith(prefix) ? p.substring(prefix.length()) : p.substring(1);
        if (id.isEmpty() || id.contains("/")) {
            throw new ConfigurationException("the endpoint path must be /redfish/v1/Systems/<id> or /<id> to choose a system, but was '"
                    + path + "'", ctx);
        }
        return id;
    }

    private static String chooseSystem(RedfishHttp http, Resource root, String wanted, ErrorContext ctx) {
        String collection = root.link("Systems").orElseThrow(() ->
                new DeviceException("the service root links no Systems collection", ctx, "bm.NoSystems"));
        List<String> members = Navigator.memberLinks(http, ctx, collection);
        if (members.isEmpty()) {
            throw new DeviceException("the BMC lists no computer system", ctx, "bm.NoSystems");
        }
        if (wanted == null) {
            return members.get(0);
        }
        for (String m : members) {
            String tail = m.replaceAll("/+$", "");
            if (tail.substring(tail.lastIndexOf('/') + 1).equals(wanted)) {
                return m;
            }
        }
        for (String m : members) {
            if (http.get(ctx, m).id().equals(wanted)) {
                return m;
            }
        }
        throw new ConfigurationException("system '" + wanted + "' is not on this BMC; it has " + members, ctx);
    }

    /** @return the endpoint */
    public BmcEndpoint endpoint() {
        return endpoint;
    }

    /** @return the HTTP layer */
    public RedfishHttp http() {
        return http;
    }

    /** @return where events go */
    EventListener events() {
        return events;
    }

    /** @return the service root as read at connect */
    public Resource root() {
        return root;
    }

    /** @return the path of the managed system */
    public String systemPath() {
        return systemPath;
    }

    /** @return the quirks in force */
    public Quirks quirks() {
        return http.quirks();
    }

    /**
     * An error context for an operation on this BMC.
     *
     * @param operation such as {@code power.on}
     * @return the context
     */
    public ErrorContext context(String operation) {
        return http.address().context(operation);
    }

    /**
     * The managers of the system: its {@code ManagedBy} links, else every manager of the service.
     *
     * @param system the system resource
     * @param ctx where
     * @return manager paths
     */
    public List<String> managers(Resource system, ErrorContext ctx) {
        List<String> linked = system.links("Links", "ManagedBy");
        if (!linked.isEmpty()) {
            return linked;
        }
        return root.link("Managers").map(m -> Navigator.memberLinks(http, ctx, m)).orElse(List.of());
    }

    /**
     * The chassis of the system: its {@code Chassis} links, else every chassis of the service.
     *
     * @param system the system resource
     * @param ctx where
     * @return chassis paths
     */
    public List<String> chassis(Resource system, ErrorContext ctx) {
        List<String> linked = system.links("Links", "Chassis");
        if (!linked.isEmpty()) {
            return linked;
        }
        return root.link("Chassis").map(m -> Navigator.memberLinks(http, ctx, m)).orElse(List.of());
    }

    /**
     * The BMC's socket address for the fleet poller's own connections, resolved on first use (on the
     * caller's thread, so that a slow name lookup never stalls the poller's event loop) and kept.
     *
     * @return the address
     */
    java.net.InetSocketAddress socketAddress() {
        java.net.InetSocketAddress a = socketAddress;
        if (a == null) {
            URI o = origin();
            a = new java.net.InetSocketAddress(o.getHost(), o.getPort());
            socketAddress = a;
        }
        return a;
    }

    /**
     * The TLS context of the fleet poller's own connections to an HTTPS BMC: the same trust as the
     * client's (its CA file, the JVM's store, or none when marked insecure), made on first use on the
     * caller's thread and kept.
     *
     * @return the context, or null over plain HTTP
     */
    javax.net.ssl.SSLContext sslContext() {
        javax.net.ssl.SSLContext c = sslContext;
        if (c == null && "https".equals(origin().getScheme())) {
            c = TlsSetup.context(endpoint, context("power.state"));
            sslContext = c;
        }
        return c;
    }

    /** @return the origin requests go to */
    public URI origin() {
        return http.address().origin();
    }

    /** Logs out (when this was the last client of the session) and closes the connections. */
    @Override
    public void close() {
        try {
            http.auth().release(http);
        } finally {
            http.close();
        }
    }
}
