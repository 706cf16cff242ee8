package org.bmsdk.testkit.redfish.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.bootstrap.AsyncServerBootstrap;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityProducer;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.nio.support.BasicResponseProducer;
import org.apache.hc.core5.http.nio.support.BasicServerExchangeHandler;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HttpCore async server (one I/O reactor with a few threads) that many simulated BMCs share:
 * each BMC is one listening socket, and requests are dispatched by the local address they came in
 * on. Also holds what the BMCs share besides: the test CA, a scheduler for delayed answers and
 * timed work, and the HTTP client that pushes events.
 */
public final class ReactorHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReactorHost.class);
    private static final ContentType JSON = ContentType.create("application/json", "UTF-8");

    private final HttpAsyncServer server;
    private final TestPki pki;
    private final ConnectionRegistry connections;
    private final ScheduledExecutorService scheduler;
    private final Map<InetSocketAddress, Consumer<Exchange>> targets = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile HttpClient eventClient;

    private ReactorHost(HttpAsyncServer server, TestPki pki, ConnectionRegistry connections) {
        this.server = server;
        this.pki = pki;
        this.connections = connections;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bm-redfish-timer");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the reactor, with no listener yet.
     *
     * @param name a name for the CA and the threads
     * @param ioThreads I/O reactor threads
     * @return the host
     */
    public static ReactorHost start(String name, int ioThreads) {
        TestPki pki = TestPki.create(name);
        ConnectionRegistry connections = new ConnectionRegistry();
        ReactorHost[] self = new ReactorHost[1];
        AsyncServerRequestHandler<Message<HttpRequest, byte[]>> handler = new Handler(self);
        HttpAsyncServer server = AsyncServerBootstrap.bootstrap()
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(ioThreads)
                        .setSoReuseAddress(true)
                        .setBacklogSize(256)
                        .setSoTimeout(Timeout.ofMinutes(5))
                        // A closed listener leaves the kernel's socket until the next select: keep that short,
                        // so that a rebooting BMC refuses connections at once.
                        .setSelectInterval(TimeValue.ofMilliseconds(50))
                        .build())
                // One write, so one TCP segment, per answer of up to 8 KiB (every resource but a long log):
                // HttpCore's default fragment hint of 2 KiB sent a 2,078-byte ComputerSystem (a powered-on
                // machine's) as 2,048 bytes and then 30, which cost the simulator a second write and the
                // client a second wake-up and read for the same answer.
                .setHttp1Config(Http1Config.custom().setChunkSizeHint(8192).build())
                .setTlsStrategy(new AddressTlsStrategy(pki))
                .setTlsHandshakeTimeout(Timeout.ofSeconds(30))
                .setIOSessionListener(connections)
                .setCanonicalHostName("localhost")
                // Every request goes to one handler, whatever its Host header says: BMCs are told apart
                // by the socket they listen on, as real ones are.
                .setRequestRouter((request, context) -> () -> new BasicServerExchangeHandler<>(handler))
                .setExceptionCallback(e -> LOG.debug("reactor: {}", e.toString()))
                .create();
        ReactorHost host = new ReactorHost(server, pki, connections);
        self[0] = host;
        server.start();
        return host;
    }

    /** @return the CA that signs every listener's certificate */
    public TestPki pki() {
        return pki;
    }

    /** @return the scheduler for delayed answers and timed work; one daemon thread */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    /** @return the client that pushes events to subscribers, made on first use */
    public HttpClient eventClient() {
        HttpClient c = eventClient;
        if (c == null) {
            synchronized (this) {
                c = eventClient;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    eventClient = c;
                }
            }
        }
        return c;
    }

    /**
     * Opens a listening socket and sends its requests to a target.
     *
     * @param address where to listen; port 0 chooses one
     * @param tls whether it speaks HTTPS
     * @param target receives each request
     * @return the listener, whose address has the port chosen
     * @throws IOException when the address cannot be bound
     */
    public ListenerEndpoint listen(InetSocketAddress address, boolean tls, Consumer<Exchange> target)
            throws IOException {
        try {
            ListenerEndpoint ep = server.listen(address, tls ? URIScheme.HTTPS : URIScheme.HTTP,
                    address.getAddress(), null).get(30, TimeUnit.SECONDS);
            targets.put((InetSocketAddress) ep.getAddress(), target);
            return ep;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException("could not listen on " + address,
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + address, e);
        } catch (TimeoutException e) {
            throw new IOException("timed out binding " + address, e);
        }
    }

    /**
     * Closes a listener and every connection made to it.
     *
     * @param endpoint the listener
     * @param awaitRefusal whether to return only once new connections are refused (up to about 2 s),
     *     as a rebooting BMC needs; closing needs not
     */
    public void stopListening(ListenerEndpoint endpoint, boolean awaitRefusal) {
        InetSocketAddress address = (InetSocketAddress) endpoint.getAddress();
        targets.remove(address);
        endpoint.close(CloseMode.IMMEDIATE);
        connections.closeAll(address);
        if (awaitRefusal) {
            awaitRefusal(address);
        }
    }

    /** Waits (up to 2 s) until the kernel refuses connections to a closed listener's address. */
    private static void awaitRefusal(InetSocketAddress address) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket()) {
                probe.connect(address, 200);
            } catch (IOException refused) {
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return how many client connections are open, across all listeners */
    public int openConnections() {
        return connections.size();
    }

    /** Stops the reactor, every listener and the scheduler, and deletes the CA file. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        scheduler.shutdownNow();
        server.close(CloseMode.IMMEDIATE);
        targets.clear();
        pki.delete();
    }

    private void dispatch(Message<HttpRequest, byte[]> message, AsyncServerRequestHandler.ResponseTrigger trigger,
            HttpContext context) {
        HttpCoreContext core = HttpCoreContext.cast(context);
        InetSocketAddress local = (InetSocketAddress) core.getEndpointDetails().getLocalAddress();
        InetSocketAddress remote = (InetSocketAddress) core.getEndpointDetails().getRemoteAddress();
        ReactorExchange exchange = new ReactorExchange(message, trigger, context, local, remote);
        Consumer<Exchange> target = targets.get(local);
        if (target == null) {
            // The listener closed (a reboot fault, or close) while this request was in flight.
            exchange.drop();
            return;
        }
        try {
            target.accept(exchange);
        } catch (RuntimeException e) {
            LOG.warn("simulated BMC at {} failed on {} {}", local, message.getHead().getMethod(),
                    message.getHead().getPath(), e);
            exchange.respond(new RedfishException(500, Messages.generalError("The simulator failed: "
                    + e.getClass().getSimpleName())).toResponse());
        }
    }

    /**
     * The method in upper case, as the shared constant for the usual ones: the request log keeps a
     * thousand methods per BMC, and they need not each be the request's own copy.
     */
    private static String canonicalMethod(String m) {
        for (String known : METHODS) {
            if (known.equalsIgnoreCase(m)) {
                return known;
            }
        }
        return m.toUpperCase(Locale.ROOT);
    }

    private static final String[] METHODS = {"GET", "POST", "PATCH", "DELETE", "HEAD", "PUT", "OPTIONS"};

    private static final class Handler implements AsyncServerRequestHandler<Message<HttpRequest, byte[]>> {
        private final ReactorHost[] host;

        Handler(ReactorHost[] host) {
            this.host = host;
        }

        @Override
        public AsyncRequestConsumer<Message<HttpRequest, byte[]>> prepare(HttpRequest request,
                EntityDetails entityDetails, HttpContext context) {
            return new BasicRequestConsumer<>(entityDetails == null ? null : new BasicAsyncEntityConsumer());
        }

        @Override
        public void handle(Message<HttpRequest, byte[]> message, ResponseTrigger trigger, HttpContext context) {
            host[0].dispatch(message, trigger, context);
        }
    }

    private final class ReactorExchange implements Exchange {
        private final Message<HttpRequest, byte[]> message;
        private final AsyncServerRequestHandler.ResponseTrigger trigger;
        private final HttpContext context;
        private final InetSocketAddress local;
        private final InetSocketAddress remote;
        private final String method;
        private Map<String, String> headers;
        private final AtomicBoolean done = new AtomicBoolean();

        ReactorExchange(Message<HttpRequest, byte[]> message, AsyncServerRequestHandler.ResponseTrigger trigger,
                HttpContext context, InetSocketAddress local, InetSocketAddress remote) {
            this.message = message;
            this.trigger = trigger;
            this.context = context;
            this.local = local;
            this.remote = remote;
            this.method = canonicalMethod(message.getHead().getMethod());
        }

        @Override
        public String method() {
            return method;
        }

        @Override
        public String target() {
            return message.getHead().getPath();
        }

        /** Made when first asked for: a request's handling reads one or two headers by name, through {@link #header}. */
        @Override
        public synchronized Map<String, String> headers() {
            if (headers == null) {
                Map<String, String> h = new HashMap<>();
                for (Header each : message.getHead().getHeaders()) {
                    h.put(each.getName().toLowerCase(Locale.ROOT), each.getValue());
                }
                headers = h;
            }
            return headers;
        }

        /** The last header of that name, as {@link #headers()} keeps it; HttpCore compares names ignoring case. */
        @Override
        public Optional<String> header(String name) {
            Header h = message.getHead().getLastHeader(name);
            return h == null ? Optional.empty() : Optional.of(h.getValue());
        }

        @Override
        public byte[] body() {
            byte[] b = message.getBody();
            return b == null ? new byte[0] : b;
        }

        @Override
        public InetSocketAddress local() {
            return local;
        }

        @Override
        public void respond(Response response) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            BasicHttpResponse head = new BasicHttpResponse(response.status());
            response.headers().forEach(head::addHeader);
            head.addHeader("OData-Version", "4.0");
            head.addHeader("Cache-Control", "no-cache");
            byte[] body = response.body();
            try {
                trigger.submitResponse(body == null ? new BasicResponseProducer(head)
                        : new BasicResponseProducer(head, new BasicAsyncEntityProducer(body, JSON)), context);
            } catch (HttpException | IOException e) {
                LOG.debug("could not answer {} {}: {}", method(), target(), e.toString());
            }
        }

        @Override
        public void drop() {
            if (done.compareAndSet(false, true)) {
                connections.close(local, remote);
            }
        }
    }
}
