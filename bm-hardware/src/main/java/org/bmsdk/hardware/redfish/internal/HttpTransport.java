package org.bmsdk.hardware.redfish.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.routing.RoutingSupport;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.bmc.BmcEndpoint;

/**
 * Sends one HTTP request and reads the whole answer, with every limit applied: connect and response
 * timeouts, a deadline for the whole exchange (a BMC that trickles bytes is cut off), a body cap,
 * no automatic redirects or retries (the caller decides), no cookies, and connections that never
 * log headers, through HttpClient's minimal client. Every failure becomes a bm-api exception naming
 * the BMC and the operation.
 */
final class HttpTransport implements Transport {

    /**
     * One daemon thread cancels requests that outlive their deadline, for every client. A request
     * that completes cancels its task, which then leaves the queue at once (rather than staying in it
     * until its deadline: at thousands of requests a second that was hundreds of thousands of dead
     * entries, each making every schedule and cancel dearer).
     */
    private static final ScheduledExecutorService WATCHDOG = watchdog();

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "bm-redfish-deadline");
            t.setDaemon(true);
            return t;
        });
        e.setRemoveOnCancelPolicy(true);
        return Executors.unconfigurableScheduledExecutorService(e);
    }

    private final CloseableHttpClient client;
    private final PoolingHttpClientConnectionManager pool;
    private final Duration requestTimeout;
    private final long maxBodyBytes;
    private final RequestConfig requestConfig;
    private volatile Target lastTarget;

    HttpTransport(BmcEndpoint endpoint, int maxConnections, long maxBodyBytes, ErrorContext ctx) {
        this.requestTimeout = endpoint.requestTimeout();
        this.maxBodyBytes = maxBodyBytes;
        Timeout connect = Timeout.of(endpoint.connectTimeout());
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setConnectionFactory(QuietConnectionFactory.INSTANCE)
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(TlsSetup.context(endpoint, ctx), TlsSetup.hostnameVerifier(endpoint)))
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                // LAX: no pool-wide lock on every lease and release. Its limit is "lax" only under
                // races, and it is not what keeps a BMC safe anyway: a request takes its slot of the
                // BMC's budget (BmcBudget, process-wide) before it leases a connection.
                .setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(requestTimeout)).build())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(connect)
                        .setSocketTimeout(Timeout.of(requestTimeout))
                        .setValidateAfterInactivity(Timeout.ofSeconds(2))
                        .build())
                .build();
        // The minimal client: the connection manager and the request executor, without the exec chain
        // (protocol, connect and main stages) of the full client. Everything that chain adds we had
        // turned off (redirects, retries, cookies, authentication, compression, proxies) or do
        // ourselves, and its per-request work (route planning, an authentication exchange, parsing the
        // path for an authentication scope) was a fifth of the driver's CPU per poll. Timeouts come
        // from the connection manager (connect, socket) and from the request's config (lease wait,
        // response); requests stay cancellable, which the deadline relies on.
        this.client = HttpClients.createMinimal(pool);
        this.requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(Timeout.of(requestTimeout))
                .build();
    }

    /**
     * Sends a request and reads the answer.
     *
     * @param method GET, POST, PATCH or DELETE
     * @param uri the absolute URI
     * @param headers request headers
     * @param body a JSON body, or null
     * @param ctx for errors
     * @return the answer
     */
    @Override
    public HttpResult send(String method, URI uri, Map<String, String> headers, byte[] body, ErrorContext ctx) {
        String path = BmcAddress.pathOf(uri);
        HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
        request.setConfig(requestConfig);
        headers.forEach(request::setHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        }
        AtomicBoolean deadlinePassed = new AtomicBoolean();
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
            deadlinePassed.set(true);
            request.cancel();
        }, requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(target(request, uri), request, null)) {
            Map<String, String> h = new ResponseHeaders(response.getHeaders());
            byte[] content = read(response.getEntity(), request, method, path, ctx);
            return new HttpResult(method, path, response.getCode(), h, content);
        } catch (IOException e) {
            throw translate(e, deadlinePassed.get(), method, path, ctx);
        } finally {
            watchdog.cancel(false);
        }
    }

    /**
     * The host to send to, as HttpClient would work it out from the request (the minimal client needs
     * it given). Every request of a transport goes to one origin (links to others are refused before
     * they get here), so the last one is kept.
     */
    private HttpHost target(HttpUriRequestBase request, URI uri) throws IOException {
        Target t = lastTarget;
        if (t != null && t.scheme().equals(uri.getScheme()) && t.authority().equals(uri.getRawAuthority())) {
            return t.host();
        }
        HttpHost host;
        try {
            host = RoutingSupport.determineHost(request);
        } catch (org.apache.hc.core5.http.HttpException e) {
            throw new org.apache.hc.client5.http.ClientProtocolException(e);
        }
        if (host == null) {
            throw new org.apache.hc.client5.http.ClientProtocolException("no target host in " + BmcAddress.pathOf(uri));
        }
        lastTarget = new Target(uri.getScheme(), uri.getRawAuthority(), host);
        return host;
    }

    private record Target(String scheme, String authority, HttpHost host) {
    }

    private byte[] read(HttpEntity entity, HttpUriRequestBase request, String method, String path, ErrorContext ctx) throws IOException {
        if (entity == null) {
            return new byte[0];
        }
        long declared = entity.getContentLength();
        if (declared > maxBodyBytes) {
            request.cancel();
            throw tooLarge(method, path, ctx);
        }
        try (InputStream in = entity.getContent()) {
            if (declared >= 0 && declared <= Integer.MAX_VALUE - 8) {
                // The usual case (a Content-Length within the cap): read into an array of exactly that
                // size, with no scratch buffer and no copy. HttpClient ends the stream at the length.
                byte[] body = new byte[(int) declared];
                int n = in.readNBytes(body, 0, body.length);
                return n == body.length ? body : java.util.Arrays.copyOf(body, n);
            }
            return readUnsized(in, request, method, path, ctx);
        }
    }

    /** A body without a Content-Length (chunked, or until close): grown as it comes, cut off at the cap. */
    private byte[] readUnsized(InputStream in, HttpUriRequestBase request, String method, String path, ErrorContext ctx)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        byte[] buf = new byte[(int) Math.min(8192, maxBodyBytes + 1)];
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (out.size() + (long) n > maxBodyBytes) {
                // Cancel rather than drain: the rest of an endless body must not be read.
                request.cancel();
                throw tooLarge(method, path, ctx);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private DeviceException tooLarge(String method, String path, ErrorContext ctx) {
        return new DeviceException(method + " " + path + " answered a body larger than " + maxBodyBytes + " bytes; not read",
                ctx, "bm.BodyTooLarge");
    }

    private BareMetalException translate(IOException e, boolean deadlinePassed, String method, String path, ErrorContext ctx) {
        String what = method + " " + path;
        if (deadlinePassed) {
            return new OperationTimeoutException(what + " did not complete within " + requestTimeout, ctx, e);
        }
        if (isUntrusted(e)) {
            return new AuthenticationException("the BMC's TLS certificate is not trusted (" + e.getClass().getSimpleName()
                    + "); give the endpoint its CA file, or mark it insecure for a lab", ctx, e);
        }
        if (e instanceof ConnectTimeoutException) {
            return new ConnectFailedException(what + ": no connection within the connect timeout", ctx, e);
        }
        if (e instanceof HttpHostConnectException || e instanceof ConnectException || e instanceof NoRouteToHostException
                || e instanceof UnknownHostException) {
            return new ConnectFailedException(what + ": cannot connect (" + e.getClass().getSimpleName() + ")", ctx, e);
        }
        if (e instanceof SocketTimeoutException) {
            return new OperationTimeoutException(what + ": no answer within " + requestTimeout, ctx, e);
        }
        if (e instanceof SSLException) {
            return new TransportException(what + ": TLS failed (" + e.getClass().getSimpleName() + ")", ctx, e);
        }
        if (e instanceof InterruptedIOException) {
            return new TransportException(what + " was interrupted", ctx, e);
        }
        if (e instanceof org.apache.hc.client5.http.ClientProtocolException || e.getCause() instanceof ProtocolException) {
            return new DeviceException(what + ": the BMC broke the HTTP protocol (" + e.getClass().getSimpleName() + ")",
                    ctx, "bm.HttpProtocol", false, e);
        }
        return new TransportException(what + ": connection failed (" + e.getClass().getSimpleName() + ")", ctx, e);
    }

    /** Whether a TLS failure means the BMC's certificate or name was not trusted (shared with the fleet poller). */
    static boolean isUntrusted(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLPeerUnverifiedException || t instanceof CertificateException
                    || t instanceof java.security.cert.CertPathValidatorException
                    || (t instanceof SSLHandshakeException && String.valueOf(t.getMessage()).contains("PKIX"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
        pool.close(CloseMode.GRACEFUL);
    }
}
