package org.bmsdk.testkit.storage.internal.iscsi;

/**
 * A byte stream or a text that breaks RFC 7143: the only exception the PDU decoder and the text
 * parser throw. The connection that sent it is closed (or the PDU rejected, when the header could
 * be read).
 */
public final class IscsiProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong */
    public IscsiProtocolException(String message) {
        super(message, null, false, false);
    }
}
