package org.bmsdk.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A clock that moves only when a test tells it to, so that tests of boot times, shutdown
 * timeouts and failure detectors run in microseconds and never sleep.
 *
 * <p>Simulators given a {@code ManualClock} register an {@linkplain #addListener advance listener}:
 * each {@link #advance(Duration)} then brings them up to the new time on the caller's thread, so
 * that once {@code advance} returns every state change due by then has happened and every listener
 * of every simulator has been told. Views made by {@link #withZone(ZoneId)} share the time and the
 * listeners of the clock they came from.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.create();
 * try (SimulatedMachine machine = SimulatedMachine.create(spec, clock)) {
 *     machine.powerOn();
 *     clock.advance(Duration.ofMinutes(1));
 *     assertEquals(OsState.RUNNING, machine.osState());
 * }
 * }</pre>
 */
public final class ManualClock extends Clock {

    /** Where a clock made by {@link #create()} starts: a fixed instant, so test logs are reproducible. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

    private final Timeline timeline;
    private final ZoneId zone;

    private ManualClock(Timeline timeline, ZoneId zone) {
        this.timeline = timeline;
        this.zone = zone;
    }

    /**
     * Creates a clock at {@link #DEFAULT_START}, in UTC.
     *
     * @return the clock
     */
    public static ManualClock create() {
        return create(DEFAULT_START);
    }

    /**
     * Creates a clock at the given instant, in UTC.
     *
     * @param start the first instant the clock shows
     * @return the clock
     */
    public static ManualClock create(Instant start) {
        return new ManualClock(new Timeline(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    /**
     * Moves time forward and then brings every listener up to the new time, on this thread.
     *
     * @param amount how far, not negative
     * @return the new instant
     */
    public Instant advance(Duration amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward, but amount was " + amount);
        }
        return timeline.moveTo(null, amount);
    }

    /**
     * Moves time forward to the given instant, as {@link #advance(Duration)} does.
     *
     * @param target the new instant, not before the current one
     * @return the new instant
     */
    public Instant advanceTo(Instant target) {
        Objects.requireNonNull(target, "target");
        return timeline.moveTo(target, null);
    }

    /**
     * Registers a listener told the new instant after each move; simulators use it to catch up.
     * Listeners run on the thread that moves the clock, in the order they were added.
     *
     * @param listener the listener
     */
    public void addListener(Consumer<Instant> listener) {
        timeline.listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener added by {@link #addListener(Consumer)}; unknown listeners are ignored.
     *
     * @param listener the listener
     */
    public void removeListener(Consumer<Instant> listener) {
        timeline.listeners.remove(listener);
    }

    @Override
    public Instant instant() {
        return timeline.now();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public ManualClock withZone(ZoneId newZone) {
        return new ManualClock(timeline, Objects.requireNonNull(newZone, "zone"));
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + ", " + zone + "]";
    }

    /** The time and listeners that a clock and its zone views share. */
    private static final class Timeline {
        private final List<Consumer<Instant>> listeners = new CopyOnWriteArrayList<>();
        private Instant now;

        Timeline(Instant start) {
            this.now = start;
        }

        synchronized Instant now() {
            return now;
        }

        Instant moveTo(Instant target, Duration amount) {
            Instant reached;
            synchronized (this) {
                Instant next = target != null ? target : now.plus(amount);
                if (next.isBefore(now)) {
                    throw new IllegalArgumentException("a clock only moves forward: it shows " + now
                            + ", but the target was " + next);
                }
                now = next;
                reached = next;
            }
            // Outside the lock: a listener may read the clock, or another thread may advance it too.
            for (Consumer<Instant> listener : listeners) {
                listener.accept(reached);
            }
            return reached;
        }
    }
}
