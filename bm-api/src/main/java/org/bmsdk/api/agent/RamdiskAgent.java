package org.bmsdk.api.agent;

import java.time.Duration;
import java.util.List;

/**
 * A connection to the agent of a node booted into the service ramdisk. Thread-safe for one caller at
 * a time; closing it ends the connection, not the ramdisk.
 */
public interface RamdiskAgent extends AutoCloseable {

    /**
     * Lists the node's whole block devices.
     *
     * @return the devices, in the order the kernel names them
     */
    List<BlockDevice> blockDevices();

    /**
     * Overwrites a whole device with zeros and returns once the ramdisk reports it done.
     *
     * @param device the device, one of {@link #blockDevices()}
     * @param timeout how long the erase may take before it is abandoned
     * @throws org.bmsdk.api.OperationTimeoutException when it took longer
     * @throws org.bmsdk.api.DeviceException when the ramdisk reports an error
     */
    void erase(BlockDevice device, Duration timeout);

    /**
     * Reads a whole device back and says whether every byte is zero, the proof of an erase.
     *
     * @param device the device
     * @param timeout how long the read may take
     * @return true when the device reads all zeros
     */
    boolean isErased(BlockDevice device, Duration timeout);

    /**
     * Reports, for each NIC that hears one, the switch and port LLDP names.
     *
     * @return the neighbours, one per NIC that has one
     */
    List<LldpNeighbor> lldpNeighbors();

    /** Ends the connection. */
    @Override
    void close();
}
