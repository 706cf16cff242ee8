package org.bmsdk.testkit.redfish.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bmsdk.testkit.redfish.IfMatchPolicy;

/**
 * The routes of one BMC's resource tree, with the common handling of GET (ETag header) and PATCH
 * (If-Match against the current ETag, then the change, then the new representation).
 */
public final class Routes {

    /** Handles a routed request. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param call the request
         * @return the answer
         */
        Response handle(Call call);
    }

    /** Renders a resource, or throws a 404 {@link RedfishException} when it does not exist. */
    @FunctionalInterface
    public interface Renderer {
        /**
         * @param call the request
         * @return the resource
         */
        ObjectNode render(Call call);
    }

    /** Applies a PATCH body to a resource, or throws a {@link RedfishException}. */
    @FunctionalInterface
    public interface Patcher {
        /**
         * @param call the request
         * @param body the PATCH body
         */
        void apply(Call call, ObjectNode body);
    }

    private final Router<Handler> router = new Router<>();
    private final IfMatchPolicy policy;

    /** @param policy how PATCH treats If-Match */
    public Routes(IfMatchPolicy policy) {
        this.policy = policy;
    }

    /** @return the router */
    public Router<Handler> router() {
        return router;
    }

    /**
     * A readable resource.
     *
     * @param template the path template
     * @param renderer renders it
     */
    public void get(String template, Renderer renderer) {
        router.add("GET", template, c -> ok(renderer.render(c)));
    }

    /**
     * A readable and patchable resource.
     *
     * @param template the path template
     * @param renderer renders it
     * @param patcher applies a PATCH
     */
    public void patch(String template, Renderer renderer, Patcher patcher) {
        get(template, renderer);
        router.add("PATCH", template, c -> {
            ObjectNode body = c.body();
            String etag = ETags.of(Json.bytes(renderer.render(c)));
            ETags.check(policy, c.header("If-Match"), etag);
            patcher.apply(c, body);
            return ok(renderer.render(c));
        });
    }

    /**
     * A POST handler: an action or a collection that creates members.
     *
     * @param template the path template
     * @param handler the handler
     */
    public void post(String template, Handler handler) {
        router.add("POST", template, handler);
    }

    /**
     * A DELETE handler.
     *
     * @param template the path template
     * @param handler the handler
     */
    public void delete(String template, Handler handler) {
        router.add("DELETE", template, handler);
    }

    /**
     * A 200 answer with the resource and its ETag.
     *
     * @param resource the resource
     * @return the answer
     */
    public static Response ok(ObjectNode resource) {
        byte[] bytes = Json.bytes(resource);
        return Response.jsonBytes(200, bytes).header("ETag", ETags.of(bytes));
    }
}
