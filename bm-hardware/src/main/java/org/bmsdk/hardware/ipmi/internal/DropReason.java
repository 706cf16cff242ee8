package org.bmsdk.hardware.ipmi.internal;

/** Why an inbound datagram was dropped instead of delivered; counted per transport. */
public enum DropReason {
    /** Shorter than its headers or its length fields say. */
    TRUNCATED,
    /** Longer than any IPMI packet this driver takes, or longer than its length fields say. */
    OVERSIZED,
    /** Not RMCP/IPMI, or a header field holds a value the protocol does not allow. */
    MALFORMED,
    /** An IPMI message checksum does not add up. */
    BAD_CHECKSUM,
    /** The integrity code (HMAC) does not match: forged, corrupted or for another session. */
    BAD_INTEGRITY,
    /** The AES-CBC confidentiality trailer is not the IPMI pad format. */
    BAD_PADDING,
    /** A session packet without authentication, which this driver never accepts. */
    UNAUTHENTICATED,
    /** A session sequence number already seen in the replay window. */
    REPLAYED,
    /** A session sequence number outside the replay window. */
    OUT_OF_WINDOW,
    /** No session or exchange waits for it (a late reply after a timeout, or a stray packet). */
    UNROUTED,
    /** Well formed and authentic, but not the answer the pending request waits for. */
    UNEXPECTED
}
