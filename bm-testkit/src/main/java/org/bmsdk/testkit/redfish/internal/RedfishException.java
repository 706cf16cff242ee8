package org.bmsdk.testkit.redfish.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * An error answer on its way out of a resource handler: an HTTP status and a Redfish error body.
 * No stack trace is filled in, as these are answers, not bugs.
 */
public final class RedfishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient Messages.Message message;
    private final transient Map<String, String> headers;

    /**
     * An error answer.
     *
     * @param status the HTTP status
     * @param message the Redfish message that explains it
     */
    public RedfishException(int status, Messages.Message message) {
        this(status, message, Map.of());
    }

    /**
     * An error answer with extra response headers (such as {@code Allow} or {@code Retry-After}).
     *
     * @param status the HTTP status
     * @param message the Redfish message that explains it
     * @param headers extra headers
     */
    public RedfishException(int status, Messages.Message message, Map<String, String> headers) {
        super(status + " " + message.id() + ": " + message.text(), null, false, false);
        this.status = status;
        this.message = message;
        this.headers = Map.copyOf(headers);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return extra response headers */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the Redfish error body */
    public ObjectNode body() {
        return Messages.errorBody(message);
    }

    /** @return the response */
    public Response toResponse() {
        Response r = Response.json(status, body());
        headers.forEach(r::header);
        return r;
    }
}
