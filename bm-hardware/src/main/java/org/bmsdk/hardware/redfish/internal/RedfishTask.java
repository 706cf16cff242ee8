package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.bmsdk.hardware.internal.PollDeadline;
import java.util.function.Supplier;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TaskHandle;

/**
 * A Redfish task, followed through its task monitor. A monitor that answers 404 after the task
 * was seen running (or on BMCs whose finished tasks are known to vanish) is not an error: the task
 * is resolved by reading back the resource it changed.
 */
final class RedfishTask implements TaskHandle {

    private final RedfishHttp http;
    private final ErrorContext ctx;
    private final String monitor;
    private final Supplier<State> readBack;
    private volatile boolean seenRunning;
    private volatile String failure = "";

    RedfishTask(RedfishHttp http, ErrorContext ctx, String monitor, Supplier<State> readBack) {
        this.http = http;
        this.ctx = ctx;
        this.monitor = monitor;
        this.readBack = readBack;
    }

    @Override
    public String id() {
        return monitor;
    }

    @Override
    public State state() {
        HttpResult r = http.exchange(ctx, "GET", monitor, null, Map.of());
        if (r.status() == 404 || r.status() == 410) {
            if (seenRunning || http.quirks().tasksVanish()) {
                return readBack.get();
            }
            throw new DeviceException("task monitor " + monitor + " is not found and the task was never seen running", ctx,
                    "bm.TaskNotFound");
        }
        http.requireOk(r, ctx);
        JsonNode n = r.body().length == 0 ? null : Json.parse(r.body());
        JsonNode taskState = n == null ? null : n.get("TaskState");
        if (taskState == null || !taskState.isTextual()) {
            if (r.status() == 202) {
                seenRunning = true;
                return State.RUNNING;
            }
            // A monitor that stopped answering 202 returns the operation's own response: done.
            return State.COMPLETED;
        }
        State s = map(taskState.textValue(), n.path("TaskStatus").asText(""));
        if (s == State.RUNNING || s == State.PENDING) {
            seenRunning = true;
        }
        if (s == State.FAILED) {
            failure = describe(n);
        }
        return s;
    }

    @Override
    public void await(Duration timeout) {
        PollDeadline deadline = new PollDeadline(http.clock(), timeout, http.options().pollInterval());
        while (true) {
            State s = state();
            if (s == State.COMPLETED) {
                return;
            }
            if (s == State.FAILED) {
                throw new DeviceException("task " + monitor + " failed" + (failure.isEmpty() ? "" : ": " + failure), ctx,
                        failureCode());
            }
            if (deadline.passed()) {
                throw new OperationTimeoutException("task " + monitor + " is still " + s + " after " + timeout, ctx);
            }
            http.sleep(http.options().pollInterval(), ctx);
        }
    }

    private String failureCode() {
        int colon = failure.indexOf(':');
        return colon > 0 ? failure.substring(0, colon) : "bm.TaskFailed";
    }

    static State map(String taskState, String taskStatus) {
        switch (taskState) {
            case "Completed":
                return "Critical".equals(taskStatus) ? State.FAILED : State.COMPLETED;
            case "Exception":
            case "Killed":
            case "Cancelled":
            case "Interrupted":
                return State.FAILED;
            case "New":
            case "Pending":
            case "Starting":
            case "Suspended":
                return State.PENDING;
            default:
                return State.RUNNING;
        }
    }

    private static String describe(JsonNode task) {
        JsonNode messages = task.get("Messages");
        if (messages != null && messages.isArray()) {
            for (JsonNode m : messages) {
                String id = m.path("MessageId").asText("");
                if (!id.isEmpty()) {
                    return id + ": " + Text.clip(m.path("Message").asText(""), 200);
                }
            }
        }
        return "TaskState " + task.path("TaskState").asText("?");
    }

    @Override
    public String toString() {
        return "RedfishTask[" + monitor + "]";
    }
}
