package org.bmsdk.hardware.redfish.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.credentials.Credentials;

/** How requests to a BMC prove who we are: a shared Redfish session, or Basic credentials. */
interface Auth {

    /** No credentials: for the service root, which Redfish serves to anyone. */
    Auth NONE = new Auth() {
        @Override
        public Map<String, String> headers() {
            return Map.of();
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
            return "none";
        }
    };

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
        return new Auth() {
            @Override
            public Map<String, String> headers() {
                return headers;
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
                return "fixed";
            }
        };
    }

    /**
     * Basic authentication, for BMCs without sessions.
     *
     * @param credentials the credentials
     * @return the auth
     */
    static Auth basic(Credentials credentials) {
        return new Auth() {
            @Override
            public Map<String, String> headers() {
                String pair = credentials.username() + ":" + credentials.password().reveal();
                return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
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
                return "basic(" + credentials.username() + ")";
            }
        };
    }
}
