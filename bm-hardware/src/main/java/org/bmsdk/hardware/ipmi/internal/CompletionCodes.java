package org.bmsdk.hardware.ipmi.internal;

import java.util.Map;

/** The generic IPMI completion codes (IPMI v2.0 table 5-2), readable. */
public final class CompletionCodes {

    /** Success. */
    public static final int OK = 0x00;
    /** Node busy. */
    public static final int NODE_BUSY = 0xC0;
    /** Timeout while processing. */
    public static final int TIMEOUT = 0xC3;
    /** Reservation canceled or invalid. */
    public static final int RESERVATION_CANCELED = 0xC5;
    /** Requested data not present. */
    public static final int NOT_PRESENT = 0xCB;
    /** Invalid data field in request. */
    public static final int INVALID_DATA_FIELD = 0xCC;
    /** BMC initialization in progress. */
    public static final int INITIALIZING = 0xD2;

    private static final Map<Integer, String> TEXT = Map.ofEntries(
            Map.entry(0x00, "Command completed normally"),
            Map.entry(0xC0, "Node busy"),
            Map.entry(0xC1, "Invalid command"),
            Map.entry(0xC2, "Command invalid for given LUN"),
            Map.entry(0xC3, "Timeout while processing command"),
            Map.entry(0xC4, "Out of space"),
            Map.entry(0xC5, "Reservation canceled or invalid reservation ID"),
            Map.entry(0xC6, "Request data truncated"),
            Map.entry(0xC7, "Request data length invalid"),
            Map.entry(0xC8, "Request data field length limit exceeded"),
            Map.entry(0xC9, "Parameter out of range"),
            Map.entry(0xCA, "Cannot return number of requested data bytes"),
            Map.entry(0xCB, "Requested sensor, data, or record not present"),
            Map.entry(0xCC, "Invalid data field in request"),
            Map.entry(0xCD, "Command illegal for specified sensor or record type"),
            Map.entry(0xCE, "Command response could not be provided"),
            Map.entry(0xCF, "Cannot execute duplicated request"),
            Map.entry(0xD0, "SDR repository in update mode"),
            Map.entry(0xD1, "Device in firmware update mode"),
            Map.entry(0xD2, "BMC initialization in progress"),
            Map.entry(0xD3, "Destination unavailable"),
            Map.entry(0xD4, "Insufficient privilege level"),
            Map.entry(0xD5, "Command not supported in present state"),
            Map.entry(0xD6, "Command sub-function disabled or unavailable"),
            Map.entry(0xFF, "Unspecified error"));

    private CompletionCodes() {
    }

    /**
     * A completion code as text, such as {@code 0xCC Invalid data field in request}.
     *
     * @param code the completion code
     * @return the text
     */
    public static String describe(int code) {
        String text = TEXT.get(code & 0xFF);
        if (text == null) {
            text = (code & 0xFF) >= 0x80 && (code & 0xFF) <= 0xBE ? "Command-specific error"
                    : (code & 0xFF) >= 0x01 && (code & 0xFF) <= 0x7E ? "OEM error" : "Reserved completion code";
        }
        return Bytes.hex8(code) + " " + text;
    }

    /**
     * Whether the same request may succeed later: busy, timed out, initialising, or a SEL
     * reservation lost to another client.
     *
     * @param code the completion code
     * @return true when retrying may help
     */
    public static boolean isTransient(int code) {
        int c = code & 0xFF;
        return c == NODE_BUSY || c == TIMEOUT || c == RESERVATION_CANCELED || c == 0xCE || c == INITIALIZING;
    }
}
