package org.bmsdk.testkit.redfish.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.bmsdk.testkit.machine.MachineEvent;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.machine.Subscription;
import org.bmsdk.testkit.redfish.RecordedRequest;
import org.bmsdk.testkit.redfish.RedfishSpec;
import org.bmsdk.api.bmc.PowerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One simulated BMC: its listening socket on the shared reactor, and the handling of each request
 * through faults, authentication, routing and the resource handlers.
 */
public final class BmcService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BmcService.class);
    private static final int KEPT_REQUESTS = 1000;

    private final ReactorHost host;
    private final RedfishSpec spec;
    private final BmcModel model;
    private final FaultState faults = new FaultState();
    private final Routes routes;
    private final List<Subscription> machineListeners = new ArrayList<>();
    private final RequestLog requests = new RequestLog(KEPT_REQUESTS);
    private final Object listenLock = new Object();
    private InetSocketAddress address;
    private ListenerEndpoint listener;
    private boolean closed;

    private BmcService(ReactorHost host, RedfishSpec spec, List<SimulatedMachine> machines) {
        this.host = host;
        this.spec = spec;
        List<SystemState> systems = new ArrayList<>();
        for (int i = 0; i < machines.size(); i++) {
            systems.add(new SystemState(Integer.toString(i + 1), machines.get(i)));
        }
        this.model = new BmcModel(spec, systems,
                new SessionStore(spec.clock(), spec.maxSessions(), spec.sessionTimeout()),
                new TaskStore(spec.clock(), host.scheduler(), spec.finishedTaskLifetime()),
                new EventHub(spec.clock(), host::eventClient));
        this.routes = new Routes(spec.ifMatchPolicy());
        TaskResources tasks = new TaskResources(model);
        new ServiceResources(model, faults).register(routes);
        new SystemResources(model).register(routes);
        new InventoryResources(model, tasks).register(routes);
        new ChassisResources(model).register(routes);
        new ManagerResources(model).register(routes);
        new BiosResources(model).register(routes);
        new LogResources(model).register(routes);
        new EventResources(model).register(routes);
        tasks.register(routes);
    }

    /**
     * Starts a BMC on a reactor.
     *
     * @param host the shared reactor
     * @param spec what it is
     * @param machines the machines it serves, at least one
     * @return the running BMC
     * @throws IOException when its address cannot be bound
     */
    public static BmcService start(ReactorHost host, RedfishSpec spec, List<SimulatedMachine> machines)
            throws IOException {
        if (machines.isEmpty()) {
            throw new IllegalArgumentException("a BMC serves at least one machine");
        }
        BmcService bmc = new BmcService(host, spec, machines);
        for (SystemState s : bmc.model.systems()) {
            bmc.machineListeners.add(s.machine().addListener(e -> bmc.onMachineEvent(s, e)));
        }
        try {
            synchronized (bmc.listenLock) {
                bmc.listener = host.listen(new InetSocketAddress(spec.address(), spec.port()), spec.tls(), bmc::handle);
                bmc.address = (InetSocketAddress) bmc.listener.getAddress();
            }
        } catch (IOException | RuntimeException e) {
            bmc.close();
            throw e;
        }
        return bmc;
    }

    /** @return the address it listens on, with the port chosen */
    public InetSocketAddress address() {
        return address;
    }

    /** @return the faults set on it */
    public FaultState faults() {
        return faults;
    }

    /** @return its resources' shared state */
    public BmcModel model() {
        return model;
    }

    /** @return the kept requests, oldest first */
    public List<RecordedRequest> requests() {
        return requests.list();
    }

    /**
     * Reboots the BMC: it stops listening at once (connections are refused), forgets its sessions,
     * and listens again on the same address after the given time.
     *
     * @param downtime how long it is unreachable
     */
    public void reboot(Duration downtime) {
        synchronized (listenLock) {
            if (closed || listener == null) {
                return;
            }
            host.stopListening(listener, true);
            listener = null;
        }
        model.sessions().clear();
        host.scheduler().schedule(this::relisten, Math.max(1, downtime.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Stops listening, closes its connections and stops listening to its machines. */
    @Override
    public void close() {
        synchronized (listenLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (listener != null) {
                host.stopListening(listener, false);
                listener = null;
            }
        }
        machineListeners.forEach(Subscription::close);
        model.tasks().close();
    }

    private void relisten() {
        synchronized (listenLock) {
            if (closed || listener != null) {
                return;
            }
            try {
                listener = host.listen(address, spec.tls(), this::handle);
            } catch (IOException e) {
                LOG.warn("simulated BMC at {} could not listen again after its reboot; retrying: {}", address,
                        e.toString());
                host.scheduler().schedule(this::relisten, 100, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void onMachineEvent(SystemState s, MachineEvent event) {
        if (event instanceof MachineEvent.OsStateChanged o) {
            s.hostStateChanged(o.at(), o.to() == org.bmsdk.testkit.machine.OsState.POST);
        }
        if (event instanceof MachineEvent.PowerChanged p) {
            boolean on = p.to() == PowerState.ON;
            model.events().publish(Messages.powered(BmcModel.systemPath(s.id()), on), BmcModel.systemPath(s.id()),
                    "ComputerSystem");
            if (!on && s.restartPending()) {
                s.restartPending(false);
                s.machine().powerOn();
            }
        }
    }

    private void handle(Exchange ex) {
        FaultState.Decision d = faults.next(ex.method());
        Response response;
        switch (d.kind()) {
            case SILENT:
                record(ex, 0);
                return;
            case DROP:
                record(ex, 0);
                ex.drop();
                return;
            case FAIL:
                response = injected(d);
                break;
            default:
                response = process(ex);
                break;
        }
        record(ex, response.status());
        Duration delay = faults.delay();
        if (delay.isZero()) {
            ex.respond(response);
        } else {
            host.scheduler().schedule(() -> ex.respond(response), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Response injected(FaultState.Decision d) {
        long retry = d.retryAfter() == null ? 0 : Math.max(1, d.retryAfter().toSeconds());
        Messages.Message m = d.status() == 503 || d.status() == 429 ? Messages.serviceTemporarilyUnavailable(retry)
                : Messages.injected(d.status());
        Response r = new RedfishException(d.status(), m).toResponse();
        if (d.retryAfter() != null) {
            r.header("Retry-After", Long.toString(retry));
        }
        return r;
    }

    private Response process(Exchange ex) {
        String method = ex.method().equals("HEAD") ? "GET" : ex.method();
        try {
            Router.Result<Routes.Handler> result = routes.router().route(method, ex.target());
            SessionStore.Session session = null;
            if (!isPublic(method, ex.target())) {
                session = authenticate(ex);
            }
            if (result.match() == null) {
                if (result.miss().pathKnown()) {
                    throw new RedfishException(405, Messages.operationNotAllowed(method, pathOf(ex)),
                            java.util.Map.of("Allow", String.join(", ", result.miss().allowed())));
                }
                throw new RedfishException(404, Messages.resourceMissing(pathOf(ex)));
            }
            Call call = new Call(ex, result.match().params(), session);
            return result.match().handler().handle(call);
        } catch (RedfishException e) {
            return e.toResponse();
        }
    }

    private static boolean isPublic(String method, String target) {
        Optional<List<String>> s = Paths.segments(target);
        if (s.isEmpty()) {
            return false;
        }
        List<String> p = s.get();
        boolean root = p.equals(List.of("redfish")) || p.equals(List.of("redfish", "v1"));
        boolean login = method.equals("POST") && p.equals(List.of("redfish", "v1", "SessionService", "Sessions"));
        return (root && method.equals("GET")) || login;
    }

    /** Returns the session, or null for Basic authentication. */
    private SessionStore.Session authenticate(Exchange ex) {
        Optional<String> token = ex.header("X-Auth-Token");
        if (token.isPresent()) {
            return model.sessions().use(token.get()).orElseThrow(() -> unauthorized());
        }
        Optional<String> auth = ex.header("Authorization");
        if (auth.isPresent() && auth.get().regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.get().substring(6).strip()),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw unauthorized();
            }
            int colon = decoded.indexOf(':');
            if (colon > 0 && !faults.refusesLogins()
                    && spec.acceptsCredentials(decoded.substring(0, colon), decoded.substring(colon + 1))) {
                return null;
            }
        }
        throw unauthorized();
    }

    private static RedfishException unauthorized() {
        return new RedfishException(401, Messages.noValidSession(),
                java.util.Map.of("WWW-Authenticate", "Basic realm=\"Redfish\""));
    }

    private static String pathOf(Exchange ex) {
        String t = ex.target();
        int q = t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }

    private void record(Exchange ex, int status) {
        requests.add(Instant.now(), ex.method(), ex.target(), status);
    }
}
