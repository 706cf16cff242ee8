package org.bmsdk.testkit.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP response of the simulator: status, headers and an optional JSON body. Mutable until sent. */
public final class Response {

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;

    private Response(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    /**
     * A JSON response.
     *
     * @param status the HTTP status
     * @param body the body
     * @return the response
     */
    public static Response json(int status, JsonNode body) {
        return new Response(status, Json.bytes(body));
    }

    /**
     * A JSON response from bytes already serialised.
     *
     * @param status the HTTP status
     * @param json the body
     * @return the response
     */
    public static Response jsonBytes(int status, byte[] json) {
        return new Response(status, json);
    }

    /**
     * A response without a body.
     *
     * @param status the HTTP status, such as 204
     * @return the response
     */
    public static Response empty(int status) {
        return new Response(status, null);
    }

    /**
     * Adds or replaces a header.
     *
     * @param name the header's name
     * @param value its value
     * @return this response
     */
    public Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    /** @return the headers, in insertion order */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return the JSON body, or null */
    public byte[] body() {
        return body;
    }
}
