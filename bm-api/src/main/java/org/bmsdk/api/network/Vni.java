package org.bmsdk.api.network;

/**
 * A VXLAN network identifier.
 *
 * @param value 1 to 16777215 (24 bits)
 */
public record Vni(int value) implements Comparable<Vni> {

    /** Validates the range. */
    public Vni {
        if (value < 1 || value > 0xFF_FFFF) {
            throw new IllegalArgumentException("vni must be in 1..16777215, but was " + value);
        }
    }

    /**
     * Creates a VNI.
     *
     * @param value 1 to 16777215
     * @return the VNI
     */
    public static Vni of(int value) {
        return new Vni(value);
    }

    @Override
    public int compareTo(Vni o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
