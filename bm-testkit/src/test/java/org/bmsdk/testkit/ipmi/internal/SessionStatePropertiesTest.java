package org.bmsdk.testkit.ipmi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.time.ManualClock;

/**
 * The session state machine against a model: random interleavings of Open Session, RAKP 1 and 3
 * (right or wrong), commands, Close Session and the passing of time, over several consoles. After
 * every step the BMC holds exactly the slots the model says, answers exactly as the model says, and
 * never fails.
 */
class SessionStatePropertiesTest {

    /** NEXT takes a console one step along the happy path: open, RAKP 1, RAKP 3, then commands. */
    enum Kind { NEXT, OPEN, RAKP1_GOOD, RAKP1_BAD, RAKP3_GOOD, RAKP3_BAD, COMMAND, CLOSE, WAIT }

    record Step(Kind kind, int console, int seconds) {
    }

    enum State { NONE, OPENED, RAKP2, ACTIVE }

    static final int MAX = 3;
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Duration SETUP = Duration.ofSeconds(10);

    @Provide
    Arbitrary<List<Step>> programs() {
        // The happy path is weighted up, so that programs get sessions to active and past it.
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(12, Kind.NEXT), Tuple.of(1, Kind.OPEN), Tuple.of(1, Kind.RAKP1_GOOD), Tuple.of(1, Kind.RAKP1_BAD),
                Tuple.of(1, Kind.RAKP3_GOOD), Tuple.of(1, Kind.RAKP3_BAD), Tuple.of(1, Kind.COMMAND), Tuple.of(1, Kind.CLOSE),
                Tuple.of(2, Kind.WAIT));
        Arbitrary<Step> step = Combinators.combine(kinds, Arbitraries.integers().between(0, 3),
                Arbitraries.of(1, 5, 9, 11, 30, 61)).as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 300)
    void theBmcFollowsTheModel(@ForAll("programs") List<Step> program) {
        ManualClock clock = ManualClock.create();
        MemoryTransport transport = new MemoryTransport();
        try (SimulatedMachine machine = SimulatedMachine.create(MachineSpec.builder("model").build(), clock)) {
            BmcEngine engine = new BmcEngine(IpmiSpec.builder().clock(clock).maxSessions(MAX).sessionTimeout(TIMEOUT).build(),
                    machine, transport);
            List<TestConsole> consoles = new ArrayList<>();
            State[] state = new State[5];
            Instant[] last = new Instant[5];
            boolean reachedActive = false;
            boolean timedOut = false;
            for (int i = 0; i < 5; i++) {
                consoles.add(new TestConsole(engine, transport, 42000 + i));
                state[i] = State.NONE;
            }
            for (Step step : program) {
                TestConsole c = consoles.get(step.console());
                int i = step.console();
                Step s = step.kind() != Kind.NEXT ? step : new Step(switch (state[i]) {
                    case NONE -> Kind.OPEN;
                    case OPENED -> Kind.RAKP1_GOOD;
                    case RAKP2 -> Kind.RAKP3_GOOD;
                    case ACTIVE -> Kind.COMMAND;
                }, i, step.seconds());
                Instant now = clock.instant();
                switch (s.kind()) {
                    case OPEN -> {
                        if (state[i] == State.NONE) {
                            long used = java.util.Arrays.stream(state).filter(x -> x != State.NONE).count();
                            int status = c.open(i % 2 == 0 ? Suite.SUITE_17 : Suite.SUITE_3, 0);
                            assertEquals(used < MAX ? 0 : 0x01, status);
                            if (status == 0) {
                                state[i] = State.OPENED;
                                last[i] = now;
                            }
                        }
                    }
                    case RAKP1_GOOD, RAKP1_BAD -> {
                        if (state[i] == State.OPENED) {
                            boolean good = s.kind() == Kind.RAKP1_GOOD;
                            assertEquals(good ? 0 : 0x0D, c.rakp1(good ? "admin" : "mallory", 0x14));
                            state[i] = good ? State.RAKP2 : State.NONE;
                            last[i] = now;
                        }
                    }
                    case RAKP3_GOOD, RAKP3_BAD -> {
                        if (state[i] == State.RAKP2) {
                            boolean good = s.kind() == Kind.RAKP3_GOOD;
                            assertEquals(good ? 0 : 0x0F, c.rakp3(good ? "password" : "wrong"));
                            state[i] = good ? State.ACTIVE : State.NONE;
                            reachedActive |= good;
                            last[i] = now;
                        }
                    }
                    case COMMAND -> {
                        if (c.keys != null) {
                            TestConsole.Reply r = c.command(0x06, 0x01);
                            if (state[i] == State.ACTIVE) {
                                assertEquals(0, r.completion());
                                last[i] = now;
                            } else {
                                assertEquals(null, r, "a session that is gone answers nothing");
                            }
                        }
                    }
                    case CLOSE -> {
                        if (state[i] == State.ACTIVE) {
                            byte[] id = TestConsole.le(c.bmcId);
                            assertEquals(0, c.command(0x06, 0x3C, id[0], id[1], id[2], id[3]).completion());
                            state[i] = State.NONE;
                        }
                    }
                    case WAIT -> {
                        clock.advance(Duration.ofSeconds(s.seconds()));
                        engine.sweep();
                        Instant after = clock.instant();
                        for (int k = 0; k < 5; k++) {
                            Duration limit = state[k] == State.ACTIVE ? TIMEOUT : SETUP;
                            if (state[k] != State.NONE && Duration.between(last[k], after).compareTo(limit) >= 0) {
                                state[k] = State.NONE;
                                timedOut = true;
                            }
                        }
                    }
                    default -> throw new IllegalStateException();
                }
                assertEquals(java.util.Arrays.stream(state).filter(x -> x != State.NONE).count(), engine.sessionCount(), "slots after " + s);
                assertEquals(java.util.Arrays.stream(state).filter(x -> x == State.ACTIVE).count(), engine.activeSessionCount());
                assertEquals(0, engine.failures());
            }
            engine.close();
            Statistics.label("reached active").collect(reachedActive);
            Statistics.label("timed out").collect(timedOut);
        }
        Statistics.label("reached active").coverage(c -> c.check(true).percentage(p -> p > 20));
        Statistics.label("timed out").coverage(c -> c.check(true).percentage(p -> p > 5));
    }
}
