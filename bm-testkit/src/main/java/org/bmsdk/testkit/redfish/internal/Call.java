package org.bmsdk.testkit.redfish.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;

/**
 * One routed request as a resource handler sees it.
 *
 * @param exchange the request
 * @param params the path's placeholder values
 * @param session the session it came with, or null for Basic authentication or none
 */
public record Call(Exchange exchange, Map<String, String> params, SessionStore.Session session) {

    /**
     * A placeholder's value.
     *
     * @param name its name in the route template
     * @return the decoded value
     */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) {
            throw new IllegalStateException("route has no placeholder " + name);
        }
        return v;
    }

    /** @return the request path without the query */
    public String path() {
        String t = exchange.target();
        int q = t.indexOf('?');
        return q < 0 ? t : t.substring(0, q);
    }

    /** @return the body as a JSON object; an empty body is an empty object */
    public ObjectNode body() {
        return Json.parseObjectOrEmpty(exchange.body());
    }

    /**
     * A request header.
     *
     * @param name its name
     * @return its value
     */
    public Optional<String> header(String name) {
        return exchange.header(name);
    }
}
