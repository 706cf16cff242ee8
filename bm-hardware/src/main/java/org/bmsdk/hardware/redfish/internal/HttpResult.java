package org.bmsdk.hardware.redfish.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP answer, read whole (up to the body cap) so that no connection stays leased while the
 * caller looks at it.
 *
 * @param method the request method, for messages
 * @param path the request path, for messages
 * @param status the status code
 * @param headers response headers, names in lower case, first value of each
 * @param body the body, possibly empty
 */
public record HttpResult(String method, String path, int status, Map<String, String> headers, byte[] body) {

    /** Copies the headers (those of a real answer are immutable already, and read lazily). */
    public HttpResult {
        headers = headers instanceof ResponseHeaders ? headers : Map.copyOf(headers);
    }

    /**
     * A header.
     *
     * @param name any case
     * @return its first value
     */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return true for 2xx */
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** @return the body as UTF-8 text */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return for messages: {@code GET /redfish/v1/ answered 503} */
    public String describe() {
        return method + " " + path + " answered " + status;
    }

    @Override
    public String toString() {
        // Headers may carry a session token (X-Auth-Token of a login answer): never print them.
        return "HttpResult[" + describe() + ", " + body.length + " bytes]";
    }
}
