package org.bmsdk.testkit.machine.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time in the order they were queued, on whichever caller thread drains first.
 * Simulators queue listener calls while holding their lock and drain after releasing it, so that
 * listeners see changes in order yet never run under the lock (and may call back in).
 */
public final class SerialDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(SerialDispatcher.class);

    private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /**
     * Queues a task; it runs at the next {@link #drain()}.
     *
     * @param task the task
     */
    public void enqueue(Runnable task) {
        queue.add(task);
    }

    /**
     * Runs queued tasks unless another thread is already doing so, in which case that thread runs
     * them. A task that throws is logged and does not stop the others.
     */
    public void drain() {
        // Re-check after letting go: a task queued while we were finishing would otherwise wait
        // for the next drain, which may never come.
        while (!queue.isEmpty() && draining.compareAndSet(false, true)) {
            try {
                Runnable task;
                while ((task = queue.poll()) != null) {
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.warn("A simulator listener failed; later listeners still run", e);
                    }
                }
            } finally {
                draining.set(false);
            }
        }
    }
}
