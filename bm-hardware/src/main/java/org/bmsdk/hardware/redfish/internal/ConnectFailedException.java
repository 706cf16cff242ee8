package org.bmsdk.hardware.redfish.internal;

import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TransportException;

/**
 * No connection could be made, so nothing of the request was sent: safe to retry even for a write.
 */
final class ConnectFailedException extends TransportException {

    private static final long serialVersionUID = 1L;

    ConnectFailedException(String message, ErrorContext context, Throwable cause) {
        super(message, context, cause);
    }
}
