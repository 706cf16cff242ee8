package org.bmsdk.testkit.machine;

/**
 * What a simulated disk holds before anything is written to it: zeros, or a pseudo-random pattern
 * computed from a seed. Both are computed on demand, so a disk of any size costs no memory until
 * it is written; the pattern stands for a previous tenant's data that cleaning must erase.
 */
public sealed interface DiskContents permits DiskContents.Zeros, DiskContents.Pattern {

    /**
     * A blank disk.
     *
     * @return contents of all zeros
     */
    static DiskContents zeros() {
        return Zeros.INSTANCE;
    }

    /**
     * A disk full of reproducible, non-zero-looking bytes.
     *
     * @param seed the same seed gives the same bytes
     * @return the pattern
     */
    static DiskContents pattern(long seed) {
        return new Pattern(seed);
    }

    /**
     * The byte at an offset.
     *
     * @param offset the offset from the start of the disk, not negative
     * @return the byte
     */
    byte byteAt(long offset);

    /** All zeros. */
    enum Zeros implements DiskContents {
        /** The only value. */
        INSTANCE;

        @Override
        public byte byteAt(long offset) {
            return 0;
        }
    }

    /**
     * A pseudo-random pattern: each aligned 8-byte word is a SplitMix64 hash of the seed and the
     * word's index, so any byte is computed without the ones before it.
     *
     * @param seed the seed
     */
    record Pattern(long seed) implements DiskContents {

        @Override
        public byte byteAt(long offset) {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative, but was " + offset);
            }
            return (byte) (word(offset >>> 3) >>> ((offset & 7) * 8));
        }

        /**
         * The 8-byte word at a word index; bytes of a word are little-endian.
         *
         * @param index the offset divided by 8
         * @return the word
         */
        public long word(long index) {
            long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
