package org.bmsdk.hardware.ipmi.internal;

import java.util.Objects;

/**
 * A datagram that must be dropped, and why. Checked, so that every decoder says it can fail and
 * every caller decides: drop and count, or turn it into a typed {@code BareMetalException}.
 */
public final class MalformedPacketException extends Exception {

    private static final long serialVersionUID = 1L;

    private final DropReason reason;

    /**
     * Creates the exception.
     *
     * @param reason the drop reason
     * @param detail what was wrong, never key material
     */
    public MalformedPacketException(DropReason reason, String detail) {
        super(reason + ": " + detail, null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return why the packet is dropped */
    public DropReason reason() {
        return reason;
    }
}
