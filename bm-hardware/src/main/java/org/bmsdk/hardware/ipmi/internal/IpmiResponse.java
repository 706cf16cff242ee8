package org.bmsdk.hardware.ipmi.internal;

import java.util.Arrays;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;

/**
 * A BMC's answer to an {@link IpmiRequest}.
 *
 * @param request what was asked
 * @param completionCode the completion code
 * @param data the response data after the completion code
 */
public record IpmiResponse(IpmiRequest request, int completionCode, byte[] data) {

    /** Copies the data. */
    public IpmiResponse {
        data = data.clone();
    }

    /** @return true for completion code 0 */
    public boolean ok() {
        return completionCode == CompletionCodes.OK;
    }

    /**
     * The data of a successful answer with at least {@code minLength} bytes.
     *
     * @param context where, for the error
     * @param minLength the bytes the caller reads
     * @return the data
     * @throws DeviceException carrying the completion code, or {@code short} when the data is short
     */
    public byte[] require(ErrorContext context, int minLength) {
        if (!ok()) {
            throw failure(context);
        }
        if (data.length < minLength) {
            throw new DeviceException(request.name() + " answered " + data.length + " data bytes, expected at least " + minLength,
                    context, "short");
        }
        return data.clone();
    }

    /**
     * The error for an unsuccessful answer: the completion code as device code, readable.
     *
     * @param context where
     * @return the exception
     */
    public DeviceException failure(ErrorContext context) {
        return new DeviceException(request.name() + " refused: " + CompletionCodes.describe(completionCode), context,
                Bytes.hex8(completionCode), CompletionCodes.isTransient(completionCode), null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpmiResponse r && r.request.equals(request) && r.completionCode == completionCode
                && Arrays.equals(r.data, data);
    }

    @Override
    public int hashCode() {
        return request.hashCode() * 31 + completionCode;
    }

    @Override
    public String toString() {
        return "IpmiResponse[" + request.name() + ", " + CompletionCodes.describe(completionCode) + ", " + data.length + " bytes]";
    }
}
