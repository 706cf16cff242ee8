package org.bmsdk.storage.backup.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Lock objects are read from a bucket anyone with the keys can write: decoding never throws. */
class LockRecordPropertiesTest {

    @Property(tries = 500)
    void aRecordRoundTrips(@ForAll("text") String owner, @ForAll("text") String host, @ForAll long pid,
            @ForAll("instants") Instant start, @ForAll boolean knownStart, @ForAll("text") String purpose,
            @ForAll("instants") Instant since, @ForAll("instants") Instant expires, @ForAll boolean exclusive) {
        LockRecord r = new LockRecord(owner, host, pid, knownStart ? start : null, purpose, since, expires, exclusive);
        assertEquals(Optional.of(r), LockRecord.decode(r.encode()));
    }

    @Property(tries = 1000)
    void anyBytesDecodeToARecordOrNothing(@ForAll byte[] data) {
        LockRecord.decode(data);
    }

    @Property(tries = 500)
    void aDamagedRecordDecodesToARecordOrNothing(@ForAll("text") String purpose, @ForAll int at, @ForAll byte value) {
        byte[] data = new LockRecord("o", "h", 1, null, purpose, Instant.EPOCH, Instant.EPOCH, false).encode();
        data[Math.floorMod(at, data.length)] = value;
        LockRecord.decode(data);
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().ofMaxLength(40);
    }

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs().between(-10_000_000_000L, 10_000_000_000L).map(Instant::ofEpochSecond)
                .flatMap(i -> Arbitraries.integers().between(0, 999_999_999).map(i::plusNanos));
    }
}
