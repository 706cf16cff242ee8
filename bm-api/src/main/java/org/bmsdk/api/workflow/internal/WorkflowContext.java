package org.bmsdk.api.workflow.internal;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.bmsdk.api.agent.RamdiskAgentConnector;
import org.bmsdk.api.lifecycle.NodeLifecycle;
import org.bmsdk.api.network.TenantNetworks;
import org.bmsdk.api.storage.BlockStorage;
import org.bmsdk.api.store.Store;
import org.bmsdk.api.workflow.BmcConnector;
import org.bmsdk.api.workflow.WorkflowListener;
import org.bmsdk.api.workflow.WorkflowTimeouts;

/**
 * What every step needs, as {@link org.bmsdk.api.workflow.NodeWorkflows.Builder} collected it.
 *
 * @param store nodes and progress records
 * @param lifecycle the state machine every move goes through
 * @param bmcs opens a node's BMC
 * @param networks tenant networks, or null when ports are not managed
 * @param storage block storage, or null when there are no volumes
 * @param agents the ramdisk agent connector, or null when there is no service ramdisk
 * @param ramdiskImage the service ramdisk on virtual media, or null to boot it by PXE
 * @param biosDefaults attributes the BIOS must read back after its reset; empty to check none
 * @param clock the clock step durations are measured with
 * @param timeouts how long to wait on devices
 * @param listener hears progress (already guarded)
 */
public record WorkflowContext(Store store, NodeLifecycle lifecycle, BmcConnector bmcs, TenantNetworks networks,
        BlockStorage storage, RamdiskAgentConnector agents, URI ramdiskImage, Map<String, String> biosDefaults,
        Clock clock, WorkflowTimeouts timeouts, WorkflowListener listener) {
}
