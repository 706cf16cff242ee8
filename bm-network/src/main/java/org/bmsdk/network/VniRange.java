package org.bmsdk.network;

import java.util.Objects;
import org.bmsdk.api.network.Vni;

/**
 * A range of VXLAN network identifiers that tenant networks may be given, both ends included.
 *
 * @param first the lowest VNI
 * @param last the highest VNI, not below {@code first}
 */
public record VniRange(Vni first, Vni last) {

    /** Validates the order. */
    public VniRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        if (last.compareTo(first) < 0) {
            throw new IllegalArgumentException("VNI range must not end before it starts, but was " + first + "-" + last);
        }
    }

    /**
     * A range.
     *
     * @param first the lowest VNI, 1..16777215
     * @param last the highest VNI, 1..16777215
     * @return the range
     */
    public static VniRange of(int first, int last) {
        return new VniRange(Vni.of(first), Vni.of(last));
    }

    /** @return how many VNIs it holds */
    public int size() {
        return last.value() - first.value() + 1;
    }

    @Override
    public String toString() {
        return first + "-" + last;
    }
}
