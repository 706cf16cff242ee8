package org.bmsdk.api.network;

/**
 * An 802.1Q VLAN id.
 *
 * @param value 1 to 4094
 */
public record VlanId(int value) implements Comparable<VlanId> {

    /** Validates the range. */
    public VlanId {
        if (value < 1 || value > 4094) {
            throw new IllegalArgumentException("vlan must be in 1..4094, but was " + value);
        }
    }

    /**
     * Creates a VLAN id.
     *
     * @param value 1 to 4094
     * @return the id
     */
    public static VlanId of(int value) {
        return new VlanId(value);
    }

    @Override
    public int compareTo(VlanId o) {
        return Integer.compare(value, o.value);
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
