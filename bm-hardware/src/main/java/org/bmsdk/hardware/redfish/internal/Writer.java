package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TaskHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the way real BMCs accept them: PATCH with {@code If-Match} as the quirks say, falling back
 * when the BMC disagrees (412 to an ETag it issued itself: resend without; 428 to none: fetch one
 * and resend); actions whose body some BMCs want absent and others want as {@code {}}; and 202
 * answers followed to the end of their task.
 */
final class Writer {

    private static final Logger LOG = LoggerFactory.getLogger(Writer.class);

    private final RedfishHttp http;

    Writer(RedfishHttp http) {
        this.http = http;
    }

    /**
     * PATCHes a resource just read.
     *
     * @param ctx where
     * @param current the resource as read, for its path and ETag
     * @param body the changes
     * @return the 2xx answer
     */
    HttpResult patch(ErrorContext ctx, Resource current, JsonNode body) {
        Quirks.IfMatch policy = http.quirks().ifMatch();
        // An ETag is copied into a header: one with control characters could smuggle a second request line.
        Optional<String> etag = policy == Quirks.IfMatch.NEVER ? Optional.empty()
                : current.etag().filter(e -> e.length() <= 256 && e.chars().noneMatch(Character::isISOControl));
        if (policy == Quirks.IfMatch.ALWAYS && etag.isEmpty()) {
            etag = Optional.of("*");
        }
        HttpResult r = sendPatch(ctx, current.path(), body, etag);
        if (r.status() == 412 && etag.isPresent()) {
            LOG.info("[{}] the BMC refused its own ETag on PATCH {} (412); sending without If-Match", ctx, current.path());
            r = sendPatch(ctx, current.path(), body, Optional.empty());
        } else if (r.status() == 428 && etag.isEmpty()) {
            LOG.info("[{}] the BMC requires If-Match on PATCH {} (428); reading its ETag", ctx, current.path());
            Resource fresh = http.get(ctx, current.path());
            r = sendPatch(ctx, current.path(), body, Optional.of(fresh.etag()
                    .filter(e -> e.length() <= 256 && e.chars().noneMatch(Character::isISOControl)).orElse("*")));
        }
        return http.requireOk(r, ctx);
    }

    private HttpResult sendPatch(ErrorContext ctx, String path, JsonNode body, Optional<String> etag) {
        Map<String, String> headers = new HashMap<>();
        etag.ifPresent(e -> headers.put("If-Match", e));
        return http.exchange(ctx, "PATCH", path, body, headers);
    }

    /**
     * POSTs an action.
     *
     * @param ctx where
     * @param target the action's target
     * @param body the parameters, or null for an action without any
     * @param emptyObjectFirst for a parameterless action: send {@code {}} first rather than no body
     * @return the 2xx answer
     */
    HttpResult action(ErrorContext ctx, String target, JsonNode body, boolean emptyObjectFirst) {
        if (body != null) {
            return http.requireOk(http.exchange(ctx, "POST", target, body, Map.of()), ctx);
        }
        JsonNode first = emptyObjectFirst ? Json.object() : null;
        HttpResult r = http.exchange(ctx, "POST", target, first, Map.of());
        if (r.status() == 400 || r.status() == 415) {
            // Some BMCs want no body for a parameterless action, others insist on {} (sushy does the same).
            r = http.exchange(ctx, "POST", target, emptyObjectFirst ? null : Json.object(), Map.of());
        }
        return http.requireOk(r, ctx);
    }

    /**
     * The task of a 202 answer, if it is one.
     *
     * @param ctx where
     * @param r the answer
     * @param readBack what a vanished task resolves to, by reading the changed resource
     * @return the task
     */
    Optional<TaskHandle> task(ErrorContext ctx, HttpResult r, Supplier<TaskHandle.State> readBack) {
        if (r.status() != 202) {
            return Optional.empty();
        }
        Optional<String> monitor = r.header("Location");
        if (monitor.isEmpty()) {
            JsonNode n = Json.parse(r.body());
            if (n != null && n.path("@odata.id").isTextual()) {
                monitor = Optional.of(n.path("@odata.id").textValue());
            }
        }
        return monitor.map(m -> new RedfishTask(http, ctx, m, readBack));
    }

    /**
     * Waits for the task of a 202 answer, if it is one.
     *
     * @param ctx where
     * @param r the answer
     * @param timeout how long the task may take
     * @param readBack what a vanished task resolves to
     */
    void awaitTask(ErrorContext ctx, HttpResult r, Duration timeout, Supplier<TaskHandle.State> readBack) {
        task(ctx, r, readBack).ifPresent(t -> t.await(timeout));
    }
}
