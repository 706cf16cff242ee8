package org.bmsdk.api.bmc;

import org.bmsdk.api.TaskHandle;

/** Out-of-band secure erase of the machine's disks, where the BMC offers it. */
public interface DiskErase extends BmcCapability {

    /**
     * Starts erasing every disk.
     *
     * @return the task to wait on
     */
    TaskHandle eraseAll();
}
