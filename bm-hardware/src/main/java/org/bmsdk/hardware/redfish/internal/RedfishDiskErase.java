package org.bmsdk.hardware.redfish.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TaskHandle;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.DiskErase;

/**
 * {@code Drive.SecureErase} on every drive of the system that offers it, started one after the
 * other and followed as one task. A drive task that vanishes is resolved by reading the drive
 * back: no erase left in its {@code Operations} means done.
 */
final class RedfishDiskErase implements DiskErase {

    private final Ops ops;

    RedfishDiskErase(Ops ops) {
        this.ops = ops;
    }

    @Override
    public TaskHandle eraseAll() {
        return ops.call(DiskErase.class, "disk.erase", ctx -> {
            List<Resource> drives = erasable(ops.connection(), ctx);
            if (drives.isEmpty()) {
                throw new UnsupportedCapabilityException("DiskErase", UnsupportedCapabilityException.Reason.NOT_OFFERED,
                        "no drive offers #Drive.SecureErase", ctx);
            }
            Writer w = new Writer(ops.http());
            List<TaskHandle> parts = new ArrayList<>();
            for (Resource d : drives) {
                String target = d.requireText("Actions", "#Drive.SecureErase", "target");
                HttpResult r = w.action(ctx, target, null, false);
                String path = d.path();
                parts.add(w.task(ctx, r, () -> readBack(ctx, path)).orElse(done(path)));
            }
            return new AllOf(ctx, parts, ops);
        });
    }

    static List<Resource> erasable(RedfishConnection c, ErrorContext ctx) {
        Resource system = c.http().get(ctx, c.systemPath());
        Optional<String> storage = system.link("Storage");
        if (storage.isEmpty()) {
            return List.of();
        }
        return StorageReader.drives(c.http(), ctx, storage.get()).stream()
                .filter(d -> d.text("Actions", "#Drive.SecureErase", "target").isPresent())
                .toList();
    }

    private TaskHandle.State readBack(ErrorContext ctx, String drivePath) {
        Resource d = ops.http().get(ctx, drivePath);
        for (var op : d.at("Operations")) {
            String name = op.path("OperationName").asText("") + op.path("Operation").asText("");
            if (name.contains("Erase") || name.contains("Sanitize")) {
                return TaskHandle.State.RUNNING;
            }
        }
        return "Critical".equals(d.text("Status", "Health").orElse("")) ? TaskHandle.State.FAILED : TaskHandle.State.COMPLETED;
    }

    private static TaskHandle done(String id) {
        return new TaskHandle() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public State state() {
                return State.COMPLETED;
            }

            @Override
            public void await(Duration timeout) {
            }
        };
    }

    /** The drives' tasks as one: failed if any failed, running while any runs. */
    private static final class AllOf implements TaskHandle {
        private final ErrorContext ctx;
        private final List<TaskHandle> parts;
        private final Ops ops;

        AllOf(ErrorContext ctx, List<TaskHandle> parts, Ops ops) {
            this.ctx = ctx;
            this.parts = List.copyOf(parts);
            this.ops = ops;
        }

        @Override
        public String id() {
            return "erase:" + String.join(",", parts.stream().map(TaskHandle::id).toList());
        }

        @Override
        public State state() {
            boolean running = false;
            boolean pending = false;
            for (TaskHandle t : parts) {
                State s = t.state();
                if (s == State.FAILED) {
                    return State.FAILED;
                }
                running |= s == State.RUNNING;
                pending |= s == State.PENDING;
            }
            return running ? State.RUNNING : pending ? State.PENDING : State.COMPLETED;
        }

        @Override
        public void await(Duration timeout) {
            Instant deadline = ops.clock().instant().plus(timeout);
            for (TaskHandle t : parts) {
                Duration left = Duration.between(ops.clock().instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw new OperationTimeoutException("disk erase still running after " + timeout, ctx);
                }
                try {
                    t.await(left);
                } catch (DeviceException e) {
                    throw new DeviceException("erasing " + t.id() + " failed: " + e.getMessage(), ctx, e.deviceCode(), false, e);
                }
            }
        }
    }
}
