package org.bmsdk.hardware.ipmi.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.OperationTimeoutException;
import org.bmsdk.api.TransportException;

/** Turns the outcome of an {@link Exchange} into a value or a typed {@link BareMetalException}. */
final class Futures {

    private Futures() {
    }

    static <T> T await(CompletableFuture<T> f, ErrorContext context, String endpoint) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(false);
            throw new OperationTimeoutException("interrupted while waiting for " + endpoint, context, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exchange.TimeoutException t) {
                if (t.sendError != null) {
                    throw new TransportException("cannot send to " + endpoint + ": " + t.sendError.getMessage() + " ("
                            + t.getMessage() + ")", context, t.sendError);
                }
                throw new OperationTimeoutException("BMC " + endpoint + " is not answering: " + t.getMessage(), context, t);
            }
            if (c instanceof BareMetalException b) {
                throw b;
            }
            throw new TransportException("IPMI exchange with " + endpoint + " failed: " + c, context, c);
        }
    }
}
