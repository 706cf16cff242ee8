package org.bmsdk.testkit.redfish.internal;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the reactor received it, and the ways to end it: answer, or drop the connection
 * without answering. Either may be called from any thread, once; later calls do nothing.
 */
public interface Exchange {

    /** @return the HTTP method, upper case */
    String method();

    /** @return the request target: path and query */
    String target();

    /** @return the headers by lower-case name (the last one wins when a header repeats) */
    Map<String, String> headers();

    /**
     * A header.
     *
     * @param name its name, in any case
     * @return its value
     */
    default Optional<String> header(String name) {
        return Optional.ofNullable(headers().get(name.toLowerCase(Locale.ROOT)));
    }

    /** @return the body, empty when there is none */
    byte[] body();

    /** @return the listening address the request came in on */
    InetSocketAddress local();

    /**
     * Answers.
     *
     * @param response the answer
     */
    void respond(Response response);

    /** Closes the connection at once, without answering. */
    void drop();
}
