package org.bmsdk.hardware.redfish.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.BmcEndpoint;

/**
 * Where a BMC is: the origin every request goes to ({@code https://host:port}), the authority that
 * keys the process-wide budgets, and the display form that error contexts carry (never credentials).
 *
 * @param origin scheme, host and port
 * @param authority {@code host:port} in lower case
 * @param display the endpoint's address as the caller wrote it
 */
public record BmcAddress(URI origin, String authority, String display) {

    /** The driver id that every error context names. */
    public static final String DRIVER_ID = "redfish";

    /**
     * The address of an endpoint.
     *
     * @param endpoint the endpoint
     * @return its address
     */
    public static BmcAddress of(BmcEndpoint endpoint) {
        String scheme = "redfish+http".equals(endpoint.scheme()) ? "http" : "https";
        String host = endpoint.host().toLowerCase(Locale.ROOT);
        int port = endpoint.port();
        URI origin = URI.create(scheme + "://" + host + ":" + port);
        URI shown = endpoint.uri();
        String display = shown.getScheme() + "://" + host + ":" + port;
        return new BmcAddress(origin, host + ":" + port, display);
    }

    /**
     * An error context naming this BMC.
     *
     * @param operation the operation, such as {@code power.on}
     * @return the context
     */
    public ErrorContext context(String operation) {
        return ErrorContext.of(display, DRIVER_ID, operation);
    }

    /**
     * Resolves a path or URL the BMC gave us. Only this BMC's origin is accepted: following a link to
     * another host would hand it our session token.
     *
     * @param pathOrUrl such as {@code /redfish/v1/Systems/1} or {@code https://host/redfish/v1/...}
     * @param ctx for the error
     * @return the absolute URI
     * @throws DeviceException when the link is malformed or points elsewhere
     */
    public URI resolve(String pathOrUrl, ErrorContext ctx) {
        URI u;
        try {
            u = new URI(pathOrUrl.strip());
        } catch (URISyntaxException e) {
            throw new DeviceException("the BMC gave a malformed link '" + Text.clip(pathOrUrl, 120) + "'", ctx, "bm.InvalidLink");
        }
        if (!u.isAbsolute()) {
            String path = u.getRawPath();
            if (path == null || !path.startsWith("/")) {
                throw new DeviceException("the BMC gave a relative link '" + Text.clip(pathOrUrl, 120) + "'", ctx, "bm.InvalidLink");
            }
            return origin.resolve(u);
        }
        if (!sameOrigin(u)) {
            throw new DeviceException("the BMC pointed to another origin (" + u.getScheme() + "://" + u.getHost() + ":" + u.getPort()
                    + "); refused so that no credentials leave " + display, ctx, "bm.ForeignLink");
        }
        return u;
    }

    /**
     * The path (and query) of a URI on this BMC, as Redfish links are written.
     *
     * @param uri an absolute URI on this BMC
     * @return such as {@code /redfish/v1/Systems/1}
     */
    public static String pathOf(URI uri) {
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private boolean sameOrigin(URI u) {
        int port = u.getPort() >= 0 ? u.getPort() : ("http".equalsIgnoreCase(u.getScheme()) ? 80 : 443);
        return origin.getScheme().equalsIgnoreCase(u.getScheme()) && u.getHost() != null
                && origin.getHost().equalsIgnoreCase(u.getHost()) && origin.getPort() == port;
    }
}
