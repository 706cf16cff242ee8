package org.bmsdk.hardware.redfish.internal;

import java.net.URI;
import java.util.Map;
import org.bmsdk.api.ErrorContext;

/** Sends one HTTP request and reads the whole answer; {@link HttpTransport} over the network, others in tests. */
interface Transport extends AutoCloseable {

    /**
     * Sends a request.
     *
     * @param method the method
     * @param uri the absolute URI
     * @param headers request headers
     * @param body a JSON body, or null
     * @param ctx for errors
     * @return the answer
     * @throws org.bmsdk.api.BareMetalException typed, for every failure
     */
    HttpResult send(String method, URI uri, Map<String, String> headers, byte[] body, ErrorContext ctx);

    @Override
    void close();
}
