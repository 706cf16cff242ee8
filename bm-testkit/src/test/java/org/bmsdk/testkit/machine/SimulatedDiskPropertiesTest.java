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
}
