package org.bmsdk.api.workflow;

import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TransportException;

/**
 * Injected faults: the n-th device call from now fails (a driver error), or the n-th store write
 * from now throws (a crash: the workflow stops where it is, as if the process died).
 */
final class Faults {

    private int deviceCountdown;
    private int storeCountdown;
    int deviceFaults;
    int storeFaults;

    synchronized void failDeviceCall(int n) {
        deviceCountdown = n;
    }

    synchronized void crashAtStoreWrite(int n) {
        storeCountdown = n;
    }

    synchronized void clear() {
        deviceCountdown = 0;
        storeCountdown = 0;
    }

    synchronized void device(String operation) {
        if (deviceCountdown > 0 && --deviceCountdown == 0) {
            deviceFaults++;
            throw new DeviceException("injected fault", ErrorContext.of("fake://lab", "fake", operation), "FAULT");
        }
    }

    synchronized void storeWrite(String what) {
        if (storeCountdown > 0 && --storeCountdown == 0) {
            storeFaults++;
            throw new Crash("injected crash writing " + what);
        }
    }

    /** What a crash looks like to the workflow: the store is gone. */
    static final class Crash extends TransportException {
        private static final long serialVersionUID = 1L;

        Crash(String message) {
            super(message);
        }
    }
}
