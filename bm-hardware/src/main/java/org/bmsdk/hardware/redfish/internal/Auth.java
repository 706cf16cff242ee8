package org.bmsdk.hardware.redfish.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.credentials.Credentials;

/** How requests to a BMC prove who we are: a shared Redfish session, or Basic credentials. */
interface Auth {

    /** No credentials: for the service root, which Redfish serves to anyone. */
    Auth NONE = constant(Map::of, "none");

    /** @return the headers that authenticate a request now; never print them */
    Map<String, String> headers();

    /** @return a counter that changes whenever {@link #headers()} change (a new session token) */
    int generation();

    /**
     * Called after a 401: gets new credentials (logs in again) unless another thread already did
     * since {@code seen}.
     *
     * @param seen the generation the refused request was sent with
     * @param http to log in with
     * @param ctx for errors
     * @return true when sending again may help
     */
    boolean renew(int seen, RedfishHttp http, ErrorContext ctx);

    /**
     * The client is done with this authentication (logs out when it was the last user of a session).
     *
     * @param http to log out with
     */
    void release(RedfishHttp http);

    /**
     * Fixed headers that are never renewed, for a logout.
     *
     * @param headers the headers
     * @return the auth
     */
    static Auth fixed(Map<String, String> headers) {
        return constant(() -> headers, "fixed");
    }

    /**
     * Basic authentication, for BMCs without sessions. The header is built per request so that
     * the clear password is not kept in a long-lived string.
     *
     * @param credentials the credentials
     * @return the auth
     */
    static Auth basic(Credentials credentials) {
        return constant(() -> {
            String pair = credentials.username() + ":" + credentials.password().reveal();
            return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }, "basic(" + credentials.username() + ")");
    }

    /**
     * Headers that nothing renews and nothing releases: everything but a session.
     *
     * @param headers supplies the headers for each request
     * @param label what {@code toString()} shows; never a secret
     * @return the auth
     */
    private static Auth constant(Supplier<Map<String, String>> headers, String label) {
        return new Auth() {
            @Override
            public Map<String, String> headers() {
                return headers.get();
            }

            @Override
            public int generation() {
                return 0;
            }

            @Override
            public boolean renew(int seen, RedfishHttp http, ErrorContext ctx) {
                return false;
            }

            @Override
            public void release(RedfishHttp http) {
            }

            @Override
            public String toString() {
                return label;
            }
        };
    }
}
