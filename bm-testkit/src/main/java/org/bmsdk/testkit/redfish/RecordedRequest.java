package org.bmsdk.testkit.redfish;

import java.time.Instant;
import java.util.Objects;

/**
 * A request a simulated BMC received and how it answered, for tests that verify what a client
 * sent. Holds no header and no body, so that no credential or token can leak through it.
 *
 * @param at when it arrived, by the wall clock
 * @param method the HTTP method
 * @param target the path and query
 * @param status the status answered, or 0 when the connection was dropped or the BMC stayed silent
 */
public record RecordedRequest(Instant at, String method, String target, int status) {

    /** Validates the components. */
    public RecordedRequest {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
    }
}
