package org.bmsdk.testkit.redfish.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.bmsdk.testkit.time.ManualClock;

/**
 * The long-running operations of one BMC (a drive's secure erase): each runs for a set time by
 * the BMC's clock and then applies its effect once. With a real clock a timer finishes it on time;
 * with a {@link ManualClock} each {@code advance} does; either way, reading a task brings it up to
 * date first. Finished tasks may be deleted after a while, as iDRAC does. Thread-safe.
 */
public final class TaskStore implements AutoCloseable {

    /**
     * A task as a GET shows it.
     *
     * @param id the task's id
     * @param name what it does
     * @param start when it started
     * @param end when it finished, if it has
     * @param percent how far it is, 0..100
     */
    public record View(String id, String name, Instant start, Optional<Instant> end, int percent) {
        /** @return whether it has finished */
        public boolean finished() {
            return end.isPresent();
        }
    }

    private static final class Task {
        final String id;
        final String name;
        final Instant start;
        final Instant due;
        final Runnable effect;
        boolean finished;

        Task(String id, String name, Instant start, Instant due, Runnable effect) {
            this.id = id;
            this.name = name;
            this.start = start;
            this.due = due;
            this.effect = effect;
        }
    }

    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Optional<Duration> lifetime;
    private final Map<String, Task> tasks = new LinkedHashMap<>();
    private final Consumer<Instant> clockListener = now -> poll();
    private long nextId = 1;

    /**
     * @param clock the BMC's clock
     * @param timer for finishing tasks on time under a real clock
     * @param lifetime how long finished tasks stay, or empty to keep them
     */
    public TaskStore(Clock clock, ScheduledExecutorService timer, Optional<Duration> lifetime) {
        this.clock = clock;
        this.timer = timer;
        this.lifetime = lifetime;
        if (clock instanceof ManualClock manual) {
            manual.addListener(clockListener);
        }
    }

    /**
     * Starts a task.
     *
     * @param name what it does
     * @param duration how long it runs
     * @param effect what it does when it finishes, run once
     * @return its id
     */
    public String start(String name, Duration duration, Runnable effect) {
        Task t;
        synchronized (this) {
            Instant now = clock.instant();
            t = new Task(Long.toString(nextId++), name, now, now.plus(duration), effect);
            tasks.put(t.id, t);
        }
        if (!(clock instanceof ManualClock)) {
            schedule(duration);
            lifetime.ifPresent(l -> schedule(duration.plus(l)));
        }
        poll();
        return t.id;
    }

    /**
     * A task, brought up to date.
     *
     * @param id its id
     * @return the task, or empty when it never existed or was deleted
     */
    public Optional<View> get(String id) {
        poll();
        synchronized (this) {
            Task t = tasks.get(id);
            return t == null ? Optional.empty() : Optional.of(view(t));
        }
    }

    /** @return the ids of the tasks that exist, oldest first */
    public List<String> ids() {
        poll();
        synchronized (this) {
            return new ArrayList<>(tasks.keySet());
        }
    }

    /** @return whether a task with this name is running */
    public boolean isRunning(String name) {
        poll();
        synchronized (this) {
            return tasks.values().stream().anyMatch(t -> !t.finished && t.name.equals(name));
        }
    }

    /** Finishes the tasks that are due and deletes the finished ones past their lifetime. */
    public void poll() {
        List<Runnable> effects = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            for (Task t : tasks.values()) {
                if (!t.finished && !now.isBefore(t.due)) {
                    t.finished = true;
                    effects.add(t.effect);
                }
            }
            lifetime.ifPresent(l -> tasks.values().removeIf(t -> t.finished && !now.isBefore(t.due.plus(l))));
        }
        // Outside the lock: an effect reaches into a machine, which has its own.
        effects.forEach(Runnable::run);
    }

    @Override
    public void close() {
        if (clock instanceof ManualClock manual) {
            manual.removeListener(clockListener);
        }
    }

    private void schedule(Duration after) {
        try {
            timer.schedule(this::poll, after.toMillis() + 1, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The host is closing; reads still bring tasks up to date.
        }
    }

    private View view(Task t) {
        Instant now = clock.instant();
        long total = Math.max(1, Duration.between(t.start, t.due).toMillis());
        long done = Duration.between(t.start, now).toMillis();
        int percent = t.finished ? 100 : (int) Math.max(0, Math.min(99, done * 100 / total));
        return new View(t.id, t.name, t.start, t.finished ? Optional.of(t.due) : Optional.empty(), percent);
    }
}
