package org.bmsdk.hardware.redfish.internal;

import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;

/**
 * The BMC refused because a licence is missing (iDRAC Enterprise, iLO Advanced...). Capabilities
 * turn it into {@link org.bmsdk.api.UnsupportedCapabilityException} with reason NOT_LICENSED.
 */
final class LicenceRequiredException extends DeviceException {

    private static final long serialVersionUID = 1L;

    LicenceRequiredException(String message, ErrorContext context, String deviceCode) {
        super(message, context, deviceCode, false, null);
    }
}
