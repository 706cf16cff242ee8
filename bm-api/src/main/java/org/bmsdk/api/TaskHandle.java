package org.bmsdk.api;

import java.time.Duration;

/**
 * A long device operation in progress (a disk erase, a firmware job, a Redfish task). Returned at
 * once by the call that started it; the caller polls or waits.
 */
public interface TaskHandle {

    /** The states of a task. */
    enum State {
        /** Accepted, not yet running. */
        PENDING,
        /** Running. */
        RUNNING,
        /** Finished successfully. */
        COMPLETED,
        /** Finished with an error. */
        FAILED
    }

    /**
     * The device's id for the task.
     *
     * @return the id, such as a Redfish task URI
     */
    String id();

    /**
     * Asks the device for the task's state now.
     *
     * @return the state
     */
    State state();

    /**
     * Waits until the task finishes.
     *
     * @param timeout how long to wait at most
     * @throws OperationTimeoutException when it is still running after {@code timeout}
     * @throws DeviceException when it finished with an error
     */
    void await(Duration timeout);
}
