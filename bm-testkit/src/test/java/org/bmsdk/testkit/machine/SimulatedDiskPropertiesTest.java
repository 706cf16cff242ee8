package org.bmsdk.testkit.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;

/** A sparse disk reads back what a plain array would hold after the same writes and erases. */
class SimulatedDiskPropertiesTest {

    private static final int SIZE = 3 * SimulatedDisk.BLOCK_SIZE + 1000;

    /** A write at an offset, or an erase when {@code data} is null. */
    record Op(long offset, byte[] data) {
        @Override
        public String toString() {
            return data == null ? "erase" : "write " + data.length + " at " + offset;
        }
    }

    @Property(tries = 200)
    void readsWhatAPlainArrayWouldHold(@ForAll long seed, @ForAll("ops") List<Op> ops) {
        SimulatedDisk disk = new SimulatedDisk(DiskSpec.of("d", DiskMedia.SSD, DiskProtocol.SATA, SIZE)
                .withInitialContents(DiskContents.pattern(seed)));
        byte[] model = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            model[i] = DiskContents.pattern(seed).byteAt(i);
        }
        for (Op op : ops) {
            if (op.data() == null) {
                disk.secureErase();
                Arrays.fill(model, (byte) 0);
            } else {
                disk.write(op.offset(), op.data());
                System.arraycopy(op.data(), 0, model, (int) op.offset(), op.data().length);
            }
        }
        assertArrayEquals(model, disk.read(0, SIZE));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> write = Arbitraries.integers().between(0, SIZE - 1).flatMap(offset ->
                Arbitraries.bytes().array(byte[].class).ofMaxSize(Math.min(SIZE - offset, 2 * SimulatedDisk.BLOCK_SIZE))
                        .map(data -> new Op(offset, data)));
        Arbitrary<Op> erase = Arbitraries.just(new Op(0, null));
        return Arbitraries.frequencyOf(
                Tuple.of(10, write), Tuple.of(1, erase)).list().ofMaxSize(12);
    }

    /**
     * Zeroing ranges (what dd from /dev/zero does) and finding the first non-zero byte (what cmp
     * with /dev/zero reports) agree with a plain array, on a blank or a patterned disk.
     */
    @Property(tries = 200)
    void zeroingAndTheFirstNonZeroByteAgreeWithAPlainArray(@ForAll boolean blank, @ForAll long seed,
            @ForAll("ops") List<Op> writes, @ForAll("ranges") List<long[]> zeroed, @ForAll("ranges") List<long[]> probes) {
        DiskContents base = blank ? DiskContents.zeros() : DiskContents.pattern(seed);
        SimulatedDisk disk = new SimulatedDisk(DiskSpec.of("d", DiskMedia.SSD, DiskProtocol.SATA, SIZE).withInitialContents(base));
        byte[] model = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            model[i] = base.byteAt(i);
        }
        for (Op op : writes) {
            if (op.data() != null) {
                disk.write(op.offset(), op.data());
                System.arraycopy(op.data(), 0, model, (int) op.offset(), op.data().length);
            }
        }
        for (long[] r : zeroed) {
            disk.zero(r[0], r[1]);
            Arrays.fill(model, (int) r[0], (int) (r[0] + r[1]), (byte) 0);
        }
        assertArrayEquals(model, disk.read(0, SIZE));
        probes.add(new long[] {0, SIZE});
        for (long[] r : probes) {
            java.util.OptionalLong expected = java.util.OptionalLong.empty();
            for (int i = (int) r[0]; i < r[0] + r[1]; i++) {
                if (model[i] != 0) {
                    expected = java.util.OptionalLong.of(i);
                    break;
                }
            }
            org.junit.jupiter.api.Assertions.assertEquals(expected, disk.firstNonZero(r[0], r[1]), "range " + r[0] + "+" + r[1]);
        }
        // isZeroed() is stricter on purpose (only an erase, not zeros written over a pattern, makes a disk "zeroed"):
        // it implies, but does not follow from, reading all zeros.
        if (disk.isZeroed()) {
            org.junit.jupiter.api.Assertions.assertEquals(java.util.OptionalLong.empty(), disk.firstNonZero(0, SIZE));
        }
    }

    @Provide
    Arbitrary<List<long[]>> ranges() {
        Arbitrary<long[]> range = Arbitraries.integers().between(0, SIZE).flatMap(offset ->
                Arbitraries.integers().between(0, SIZE - offset).map(length -> new long[] {offset, length}));
        Arbitrary<long[]> whole = Arbitraries.just(new long[] {0, SIZE});
        return Arbitraries.frequencyOf(Tuple.of(8, range), Tuple.of(1, whole)).list().ofMaxSize(4).map(java.util.ArrayList::new);
    }
}
