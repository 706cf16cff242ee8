package org.bmsdk.hardware.ipmi.internal;

import java.util.Map;

/** RMCP+ and RAKP message status codes (IPMI v2.0 table 13-15), readable and classified. */
final class RmcpPlusStatus {

    static final int INVALID_INTEGRITY_CHECK_VALUE = 0x0F;

    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(0x00, "no errors"),
            Map.entry(0x01, "insufficient resources to create a session"),
            Map.entry(0x02, "invalid session ID"),
            Map.entry(0x03, "invalid payload type"),
            Map.entry(0x04, "invalid authentication algorithm"),
            Map.entry(0x05, "invalid integrity algorithm"),
            Map.entry(0x06, "no matching authentication payload"),
            Map.entry(0x07, "no matching integrity payload"),
            Map.entry(0x08, "inactive session ID"),
            Map.entry(0x09, "invalid role"),
            Map.entry(0x0A, "unauthorized role or privilege level requested"),
            Map.entry(0x0B, "insufficient resources to create a session at the requested role"),
            Map.entry(0x0C, "invalid name length"),
            Map.entry(0x0D, "unauthorized name"),
            Map.entry(0x0E, "unauthorized GUID"),
            Map.entry(0x0F, "invalid integrity check value"),
            Map.entry(0x10, "invalid confidentiality algorithm"),
            Map.entry(0x11, "no cipher suite match with proposed security algorithms"),
            Map.entry(0x12, "illegal or unrecognized parameter"));

    private RmcpPlusStatus() {
    }

    static String describe(int status) {
        return Bytes.hex8(status) + " " + TEXT.getOrDefault(status & 0xFF, "unknown status");
    }

    /** The BMC does not take the proposed algorithms: another cipher suite may do. */
    static boolean isAlgorithmRejected(int status) {
        return status >= 0x04 && status <= 0x07 || status == 0x10 || status == 0x11;
    }

    /** The BMC refuses the user, its privilege or its key. */
    static boolean isAuthenticationFailure(int status) {
        return status == 0x09 || status == 0x0A || status == 0x0C || status == 0x0D || status == 0x0E || status == 0x0F;
    }

    /** Out of sessions: may work later. */
    static boolean isTransient(int status) {
        return status == 0x01 || status == 0x0B;
    }
}
