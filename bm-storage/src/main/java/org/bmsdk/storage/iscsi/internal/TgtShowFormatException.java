package org.bmsdk.storage.iscsi.internal;

/** The output of {@code tgtadm --op show} is not what tgt 1.0.x prints; the driver turns it into a DeviceException. */
public final class TgtShowFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param line the 1-based line number
     * @param message what is wrong there
     */
    public TgtShowFormatException(int line, String message) {
        super("line " + line + ": " + message);
    }
}
