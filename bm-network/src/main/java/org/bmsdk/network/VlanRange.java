package org.bmsdk.network;

import java.util.Objects;
import org.bmsdk.api.network.VlanId;

/**
 * A range of VLAN ids that tenant networks may be given, both ends included.
 *
 * @param first the lowest id
 * @param last the highest id, not below {@code first}
 */
public record VlanRange(VlanId first, VlanId last) {

    /** Validates the order. */
    public VlanRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.compareTo(first) < 0) {
            throw new IllegalArgumentException("VLAN range must not end before it starts, but was " + first + "-" + last);
        }
    }

    /**
     * A range.
     *
     * @param first the lowest id, 1..4094
     * @param last the highest id, 1..4094
     * @return the range
     */
    public static VlanRange of(int first, int last) {
        return new VlanRange(VlanId.of(first), VlanId.of(last));
    }

    /** @return how many ids it holds */
    public int size() {
        return last.value() - first.value() + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
