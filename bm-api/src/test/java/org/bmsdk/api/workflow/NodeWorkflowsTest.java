package org.bmsdk.api.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.capability.Requirements;
import org.bmsdk.api.lifecycle.IllegalTransitionException;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.storage.VolumeSpec;
import org.junit.jupiter.api.Test;

class NodeWorkflowsTest {

    private static final VolumeConnector IQN = VolumeConnector.iscsi("iqn.2026-01.org.example:n1");

    private final FakeLab lab = new FakeLab();
    private final FaultyStore store = new FaultyStore(lab.faults);
    private final List<String> events = new ArrayList<>();
    private final NodeWorkflows workflows = lab.workflows(store).listener(new Recorder(events)).build();

    private Node available(String id, int cores, long memoryMib) {
        Node n = workflows.enroll(lab.enrolled(id, cores, memoryMib));
        workflows.verify(n.id());
        workflows.inspect(n.id());
        return workflows.provide(n.id());
    }

    private DeployRequest withVolume(Node n) {
        lab.storage.create(new VolumeSpec("boot-" + n.id().value(), 1L << 30, false));
        return DeployRequest.builder().volume("boot-" + n.id().value()).connector(IQN).boot(BootSource.volume())
                .binding(PortBinding.of(n.ports().get(0).link(), "t1/net")).build();
    }

    @Test
    void theWholeLifeOfANode() {
        Node n = workflows.enroll(lab.enrolled("n1", 16, 65536));
        assertEquals(ProvisionState.MANAGEABLE, workflows.verify(n.id()).provisionState());

        Node inspected = workflows.inspect(n.id());
        assertEquals(16, inspected.inventory().totalCores());
        assertEquals(lab.machine(n.id()).lldp.get(0).link(), inspected.ports().get(0).link(), "link from LLDP");
        assertEquals(NetworkRole.IDLE, lab.networks.node(n.id()).orElseThrow().role());

        Node offered = workflows.provide(n.id());
        assertEquals(ProvisionState.AVAILABLE, offered.provisionState());
        assertEquals(1, lab.machine(n.id()).erases, "erased in-band, the BMC offering no erase");
        assertEquals(NetworkRole.PROVISIONING, lab.networks.node(n.id()).orElseThrow().role());
        assertEquals(PowerState.OFF, lab.machine(n.id()).power);

        Node mine = workflows.allocate(Requirements.parse("cpu.cores >= 8"), "t1", null);
        assertEquals(n.id(), mine.id());
        Node active = workflows.deploy(n.id(), withVolume(mine));
        assertEquals(ProvisionState.ACTIVE, active.provisionState());
        FakeMachine m = lab.machine(n.id());
        assertEquals("t1", m.runningTenant, "the tenant's system runs");
        assertEquals(BootDevice.PXE, m.override.device());
        assertEquals(NetworkRole.TENANT, lab.networks.node(n.id()).orElseThrow().role());
        assertEquals(1, lab.storage.list().get(0).attachedTo().size());

        Node released = workflows.release(n.id());
        assertEquals(ProvisionState.AVAILABLE, released.provisionState());
        assertTrue(released.owner().isEmpty());
        assertEquals(null, m.dataOwner, "the tenant's data is erased");
        assertFalse(m.bios.containsKey("TenantTweak"), "the BIOS is back to defaults");
        assertEquals(0, lab.storage.list().get(0).attachedTo().size());
        assertEquals(NetworkRole.PROVISIONING, lab.networks.node(n.id()).orElseThrow().role());
        assertTrue(lab.violations.isEmpty(), lab.violations.toString());
        assertTrue(events.contains("n1 CLEAN ERASE_DISKS ok 1 disks erased in-band, each read back as zeros"), events.toString());
        assertTrue(events.contains("n1 DELETING->AVAILABLE -> CLEANING->AVAILABLE"), events.toString());
    }

    @Test
    void erasesThroughTheBmcWhereItOffersSecureErase() {
        Node n = workflows.enroll(lab.enrolled("n1", 16, 65536));
        lab.machine(n.id()).offersDiskErase = true;
        workflows.verify(n.id());
        workflows.inspect(n.id());
        lab.machine(n.id()).dirtyDisks.add("/dev/sda");
        workflows.provide(n.id());
        assertTrue(lab.machine(n.id()).dirtyDisks.isEmpty());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("n1 CLEAN ERASE_DISKS ok secure erase by the BMC")), events.toString());
    }

    @Test
    void powersTheHostOnWhenTheBmcReachesTheDrivesOnlyThroughIt() {
        Node n = workflows.enroll(lab.enrolled("n1", 16, 65536));
        FakeMachine m = lab.machine(n.id());
        m.offersDiskErase = true;
        m.eraseNeedsPower = true;
        workflows.verify(n.id());
        workflows.inspect(n.id());
        m.dirtyDisks.add("/dev/sda");
        assertEquals(ProvisionState.AVAILABLE, workflows.provide(n.id()).provisionState());
        assertTrue(m.dirtyDisks.isEmpty());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("n1 CLEAN ERASE_DISKS ok secure erase by the BMC")), events.toString());
        assertEquals(PowerState.OFF, m.power, "and off again at the end");
    }

    @Test
    void aFailedEraseProofEndsInCleanFailedNeverAvailable() {
        Node n = workflows.enroll(lab.enrolled("n1", 16, 65536));
        workflows.verify(n.id());
        workflows.inspect(n.id());
        FakeMachine m = lab.machine(n.id());
        m.dirtyDisks.add("/dev/sda");
        m.eraseDoesNotTake = true;
        IntegrityException e = assertThrows(IntegrityException.class, () -> workflows.provide(n.id()));
        assertTrue(e.getMessage().contains("/dev/sda"), e.getMessage());
        assertEquals(ProvisionState.CLEAN_FAILED, store.nodes().get(n.id()).orElseThrow().value().provisionState());
        assertThrows(ConflictException.class, () -> workflows.allocate(Requirements.none(), "t1", null));
    }

    @Test
    void aDriverFaultInReleaseLeavesTheNodeInErrorWithItsOwner() {
        Node n = available("n1", 16, 65536);
        Node mine = workflows.allocate(Requirements.none(), "t1", null);
        workflows.deploy(n.id(), withVolume(mine));
        lab.faults.failDeviceCall(1);
        assertThrows(BareMetalException.class, () -> workflows.release(n.id()));
        Node after = store.nodes().get(n.id()).orElseThrow().value();
        assertEquals(ProvisionState.ERROR, after.provisionState());
        assertEquals("t1", after.owner().orElseThrow());
        assertEquals(ProvisionState.AVAILABLE, workflows.release(n.id()).provisionState(), "a second release goes through");
    }

    @Test
    void aCrashBetweenStepsIsFinishedByResumeWithAFreshWorkflowObject() {
        Node n = workflows.enroll(lab.enrolled("n1", 16, 65536));
        workflows.verify(n.id());
        workflows.inspect(n.id());
        lab.machine(n.id()).dirtyDisks.add("/dev/sda");
        // Writes: the PROVIDE move, the record of FLIP_TO_CLEANING, then that of ERASE_DISKS: crash there.
        lab.faults.crashAtStoreWrite(3);
        assertThrows(Faults.Crash.class, () -> workflows.provide(n.id()));
        assertEquals(LifecycleState.inProgress(ProvisionState.CLEANING, ProvisionState.AVAILABLE),
                store.nodes().get(n.id()).orElseThrow().value().lifecycleState());
        assertEquals(NetworkRole.CLEANING, lab.networks.node(n.id()).orElseThrow().role(), "the first step was done");
        assertFalse(lab.machine(n.id()).dirtyDisks.isEmpty(), "the erase was not");

        List<String> resumed = new ArrayList<>();
        NodeWorkflows restarted = lab.workflows(store).listener(new Recorder(resumed)).build();
        List<Node> touched = restarted.resume();
        assertEquals(List.of(ProvisionState.AVAILABLE), touched.stream().map(Node::provisionState).toList());
        assertTrue(lab.machine(n.id()).dirtyDisks.isEmpty());
        // The last step recorded was FLIP_TO_CLEANING (done, but not known to be): it is redone, then the rest.
        assertEquals("n1 CLEAN FLIP_TO_CLEANING started", resumed.get(0), "resumes at the step recorded: " + resumed);
        assertEquals(1, lab.machine(n.id()).erases);
    }

    @Test
    void aCrashedDeployResumesWithItsRequestAndAReleaseDetachesItsVolumes() {
        Node n = available("n1", 16, 65536);
        Node mine = workflows.allocate(Requirements.none(), "t1", null);
        lab.faults.crashAtStoreWrite(4);
        assertThrows(Faults.Crash.class, () -> workflows.deploy(n.id(), withVolume(mine)));
        NodeWorkflows restarted = lab.workflows(store).build();
        assertEquals(ProvisionState.ACTIVE, restarted.resume().get(0).provisionState());
        assertEquals(1, lab.storage.list().get(0).attachedTo().size());
        restarted.release(n.id());
        assertEquals(0, lab.storage.list().get(0).attachedTo().size());
    }

    @Test
    void aRedeployAfterAFailedDeployDetachesTheVolumesItDoesNotKeep() {
        Node n = available("n1", 16, 65536);
        Node mine = workflows.allocate(Requirements.none(), "t1", null);
        lab.storage.create(new VolumeSpec("old", 1L << 30, false));
        lab.storage.create(new VolumeSpec("kept", 1L << 30, false));
        lab.storage.create(new VolumeSpec("new", 1L << 30, false));
        // Device calls of a deploy: net.bind, volume.attach (twice), boot.set: fail the last, after both attaches.
        lab.faults.failDeviceCall(4);
        assertThrows(BareMetalException.class, () -> workflows.deploy(n.id(), DeployRequest.builder().volume("old").volume("kept")
                .connector(IQN).boot(BootSource.volume()).build()));
        assertEquals(ProvisionState.DEPLOY_FAILED, store.nodes().get(n.id()).orElseThrow().value().provisionState());
        assertEquals(List.of("kept", "old"), attachedTo(IQN));

        Node active = workflows.deploy(mine.id(), DeployRequest.builder().volume("new").volume("kept").connector(IQN)
                .boot(BootSource.volume()).build());
        assertEquals(ProvisionState.ACTIVE, active.provisionState());
        assertEquals(List.of("kept", "new"), attachedTo(IQN), "the failed deploy's 'old' is detached, 'kept' reused");
        assertTrue(events.contains("n1 DEPLOY DETACH_VOLUMES ok left by the failed deploy: 1 volumes detached from "
                + IQN.initiator()), events.toString());

        workflows.release(n.id());
        assertEquals(List.of(), attachedTo(IQN), "the release detaches the second deploy's volumes");
    }

    @Test
    void aRedeployThatCannotDetachTheLeftoversFailsAndKeepsTheirRecord() {
        Node n = available("n1", 16, 65536);
        workflows.allocate(Requirements.none(), "t1", null);
        lab.storage.create(new VolumeSpec("old", 1L << 30, false));
        lab.storage.create(new VolumeSpec("new", 1L << 30, false));
        lab.faults.failDeviceCall(3);
        assertThrows(BareMetalException.class, () -> workflows.deploy(n.id(), DeployRequest.builder().volume("old")
                .connector(IQN).boot(BootSource.volume()).build()));
        lab.faults.failDeviceCall(1);
        assertThrows(BareMetalException.class, () -> workflows.deploy(n.id(), DeployRequest.builder().volume("new")
                .connector(IQN).boot(BootSource.volume()).build()));
        assertEquals(ProvisionState.DEPLOY_FAILED, store.nodes().get(n.id()).orElseThrow().value().provisionState());
        assertEquals(List.of("old"), attachedTo(IQN), "nothing of the new request was done");
        workflows.release(n.id());
        assertEquals(List.of(), attachedTo(IQN), "the release still knows 'old'");
    }

    @Test
    void aDeployFromTheNodesOwnDiskBootsItsDisk() {
        Node n = available("n1", 16, 65536);
        workflows.allocate(Requirements.none(), "t1", null);
        Node active = workflows.deploy(n.id(), DeployRequest.builder().boot(BootSource.disk())
                .binding(PortBinding.of(n.ports().get(0).link(), "t1/net")).build());
        assertEquals(ProvisionState.ACTIVE, active.provisionState());
        FakeMachine m = lab.machine(n.id());
        assertEquals(BootDevice.DISK, m.override.device());
        assertEquals("t1", m.runningTenant, "the tenant's system runs from the disk");
        assertTrue(events.contains("n1 DEPLOY SET_BOOT_DEVICE ok boots from its own disk"), events.toString());
    }

    private List<String> attachedTo(VolumeConnector c) {
        return lab.storage.list().stream().filter(v -> v.attachedTo().contains(c)).map(v -> v.id()).sorted().toList();
    }

    @Test
    void allocationTakesTheSmallestThatFitsAndOnlyOnce() {
        available("big", 64, 512 * 1024);
        available("small", 8, 32 * 1024);
        available("mid", 32, 128 * 1024);
        assertEquals("mid", workflows.allocate(Requirements.parse("memory >= 64GiB"), "t1", null).id().value());
        assertEquals("big", workflows.allocate(Requirements.parse("memory >= 64GiB"), "t2", null).id().value());
        ConflictException none = assertThrows(ConflictException.class,
                () -> workflows.allocate(Requirements.parse("memory >= 64GiB"), "t3", null));
        assertTrue(none.getMessage().contains("no available node fits"), none.getMessage());
        assertThrows(IllegalTransitionException.class, () -> workflows.deploy(NodeId.of("small"), DeployRequest.builder().build()),
                "an unallocated node is not deployed");
    }

    @Test
    void aResourceClassNarrowsTheChoice() {
        Node n = available("gpu", 64, 512 * 1024);
        store.nodes().modify(n.id(), x -> x.toBuilder().resourceClass("baremetal-gpu").build());
        available("plain", 8, 32 * 1024);
        assertEquals("gpu", workflows.allocate(Requirements.none(), "t1", "baremetal-gpu").id().value());
    }

    /** Records events as short lines. */
    static final class Recorder implements WorkflowListener {
        private final List<String> out;

        Recorder(List<String> out) {
            this.out = out;
        }

        @Override
        public void stateChanged(NodeId node, LifecycleState from, LifecycleState to, String cause) {
            out.add(node + " " + from + " -> " + to);
        }

        @Override
        public void stepStarted(NodeId node, Workflow workflow, WorkflowStep step) {
            out.add(node + " " + workflow + " " + step + " started");
        }

        @Override
        public void stepSucceeded(NodeId node, Workflow workflow, WorkflowStep step, Duration elapsed, String detail) {
            out.add(node + " " + workflow + " " + step + " ok " + detail);
        }
    }
}
