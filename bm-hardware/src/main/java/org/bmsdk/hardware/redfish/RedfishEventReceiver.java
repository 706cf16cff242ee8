package org.bmsdk.hardware.redfish;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.BmcEvent;
import org.bmsdk.api.bmc.BmcEventListener;
import org.bmsdk.hardware.redfish.internal.EventPayloads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the events BMCs push to a Redfish event subscription and hands each to a
 * {@link BmcEventListener}: the destination to give
 * {@link org.bmsdk.api.bmc.EventSubscriptions#subscribe(URI, String)}.
 *
 * <pre>{@code
 * try (RedfishEventReceiver receiver = RedfishEventReceiver.start(new InetSocketAddress(8443), tls, detector::onEvent)) {
 *     bmc.require(EventSubscriptions.class).subscribe(receiver.uri(), node.id().value());
 *     ...
 * }
 * }</pre>
 *
 * <p>Bodies are capped at 1 MiB and must be Redfish event documents (anything else is answered
 * 400 and dropped). Events are delivered on the receiver's threads, in arrival order per
 * connection; a listener that throws is logged and the BMC still gets its 204. Use TLS wherever the
 * network between the BMCs and this process is not trusted: the events say which machines fail.
 */
public final class RedfishEventReceiver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedfishEventReceiver.class);
    private static final String PATH = "/redfish/events";
    private static final int MAX_BODY = 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService threads;
    private final BmcEventListener listener;
    private final Clock clock;
    private final URI uri;

    private RedfishEventReceiver(HttpServer server, String scheme, BmcEventListener listener, Clock clock) {
        this.server = server;
        this.listener = listener;
        this.clock = clock;
        this.threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bm-redfish-events");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext(PATH, this::handle);
        server.start();
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? a.getHostString() : a.getAddress().getHostAddress();
        this.uri = URI.create(scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort() + PATH);
    }

    /**
     * Starts a plain-HTTP receiver; for a trusted management network or tests.
     *
     * @param address where to listen; port 0 picks one
     * @param listener who hears the events
     * @return the running receiver
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public static RedfishEventReceiver start(InetSocketAddress address, BmcEventListener listener) {
        try {
            return new RedfishEventReceiver(HttpServer.create(address, 50), "http", Objects.requireNonNull(listener, "listener"),
                    Clock.systemUTC());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot listen for events on " + address, e);
        }
    }

    /**
     * Starts an HTTPS receiver.
     *
     * @param address where to listen; port 0 picks one
     * @param tls the server's certificate and key
     * @param listener who hears the events
     * @return the running receiver
     * @throws java.io.UncheckedIOException when the address cannot be bound
     */
    public static RedfishEventReceiver start(InetSocketAddress address, SSLContext tls, BmcEventListener listener) {
        try {
            HttpsServer s = HttpsServer.create(address, 50);
            s.setHttpsConfigurator(new HttpsConfigurator(Objects.requireNonNull(tls, "tls")));
            return new RedfishEventReceiver(s, "https", Objects.requireNonNull(listener, "listener"), Clock.systemUTC());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot listen for events on " + address, e);
        }
    }

    /**
     * The URL BMCs should post to, such as {@code https://10.0.0.2:8443/redfish/events}. When the
     * receiver is bound to the wildcard address this names it ({@code 0.0.0.0}); give the BMCs the
     * same path on an address they can reach instead.
     *
     * @return the URL
     */
    public URI uri() {
        return uri;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestMethod().equals("POST")) {
                ex.getResponseHeaders().add("Allow", "POST");
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                ex.sendResponseHeaders(413, -1);
                return;
            }
            String from = ex.getRemoteAddress().getAddress().getHostAddress();
            List<BmcEvent> events;
            try {
                events = EventPayloads.parse(body, clock, ErrorContext.of(from, RedfishDriverProvider.ID, "events.receive"));
            } catch (BareMetalException e) {
                LOG.warn("dropped a malformed event post from {}: {}", from, e.getMessage());
                ex.sendResponseHeaders(400, -1);
                return;
            }
            for (BmcEvent e : events) {
                try {
                    listener.onEvent(e);
                } catch (RuntimeException failure) {
                    LOG.warn("event listener {} threw; ignored", listener.getClass().getName(), failure);
                }
            }
            ex.sendResponseHeaders(204, -1);
        }
    }

    /** Stops listening; events in flight are finished. */
    @Override
    public void close() {
        server.stop(0);
        threads.shutdown();
    }

    @Override
    public String toString() {
        return "RedfishEventReceiver[" + uri + "]";
    }
}
