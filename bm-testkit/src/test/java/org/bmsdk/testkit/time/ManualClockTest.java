package org.bmsdk.testkit.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ManualClockTest {

    @Test
    void startsAtAFixedInstantAndMovesOnlyWhenAdvanced() {
        ManualClock clock = ManualClock.create();
        assertEquals(ManualClock.DEFAULT_START, clock.instant());
        assertEquals(ManualClock.DEFAULT_START, clock.instant());

        Instant reached = clock.advance(Duration.ofSeconds(90));

        assertEquals(ManualClock.DEFAULT_START.plusSeconds(90), reached);
        assertEquals(reached, clock.instant());
        assertEquals(reached.toEpochMilli(), clock.millis());
    }

    @Test
    void refusesToGoBack() {
        ManualClock clock = ManualClock.create(Instant.parse("2030-01-01T00:00:00Z"));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> clock.advanceTo(Instant.parse("2029-12-31T23:59:59Z")));
        assertEquals("a clock only moves forward: it shows 2030-01-01T00:00:00Z, but the target was "
                + "2029-12-31T23:59:59Z", e.getMessage());
    }

    @Test
    void tellsListenersTheNewTimeUntilRemoved() {
        ManualClock clock = ManualClock.create();
        List<Instant> heard = new ArrayList<>();
        Consumer<Instant> listener = heard::add;
        clock.addListener(listener);

        clock.advance(Duration.ofSeconds(1));
        clock.advanceTo(ManualClock.DEFAULT_START.plusSeconds(5));
        clock.removeListener(listener);
        clock.advance(Duration.ofSeconds(1));

        assertEquals(List.of(ManualClock.DEFAULT_START.plusSeconds(1), ManualClock.DEFAULT_START.plusSeconds(5)),
                heard);
    }

    @Test
    void zoneViewsShareTimeAndListeners() {
        ManualClock clock = ManualClock.create();
        ManualClock paris = clock.withZone(ZoneId.of("Europe/Paris"));
        List<Instant> heard = new ArrayList<>();
        clock.addListener(heard::add);

        paris.advance(Duration.ofMinutes(1));

        assertEquals(clock.instant(), paris.instant());
        assertEquals(ZoneId.of("Europe/Paris"), paris.getZone());
        assertEquals(List.of(clock.instant()), heard);
    }
}
