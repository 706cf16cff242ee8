package org.bmsdk.store.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.model.Port;

/** Nodes for tests. */
public final class TestNodes {

    private TestNodes() {
    }

    /**
     * A node with every field set to something other than its default.
     *
     * @param id the id
     * @return the node
     */
    public static Node full(String id) {
        return Node.builder(NodeId.of(id))
                .name("rack 4, unit " + id)
                .bmc(BmcEndpoint.builder("redfish://10.0.0.5:8443/redfish/v1")
                        .credentials(CredentialRef.env("BMC_USER", "BMC_PASS"))
                        .driverId("redfish")
                        .insecure(true)
                        .caCertificate(Path.of("/etc/bm/ca.pem"))
                        .connectTimeout(Duration.ofMillis(2500))
                        .requestTimeout(Duration.ofSeconds(90, 5))
                        .build())
                .bmc(BmcEndpoint.builder("ipmi://10.0.0.6")
                        .credentials(CredentialRef.file(Path.of("/etc/bm/" + id + ".cred")))
                        .build())
                .bmc(BmcEndpoint.builder("redfish+http://bmc-" + id + ".lab")
                        .credentials(CredentialRef.external("vault", "secret/data/bmc/" + id + "?field=x:y"))
                        .build())
                .port(new Port(MacAddress.of("AA-BB-CC-00-11-22"),
                        new LocalLinkConnection("00:1c:73:aa:bb:cc", "Ethernet1/3", "tor-1"), true))
                .port(new Port(MacAddress.of("aabb.cc00.1123"), null, false))
                .inventory(HardwareInventory.builder()
                        .cpu(new Cpu("AMD64", "EPYC 7763", 64, 128))
                        .cpu(new Cpu("x86_64", "EPYC 7763", 64, 128))
                        .memoryMib(1_048_576)
                        .disk(new Disk("Disk.Bay.0", DiskMedia.NVME, DiskProtocol.NVME, 3_840_000_000_000L, "S5XNNA0R"))
                        .disk(new Disk("/dev/sdb", DiskMedia.HDD, DiskProtocol.SAS, 0, ""))
                        .nic(new Nic("NIC.Slot.1-1", MacAddress.of("aa:bb:cc:00:11:22"), 100_000, LinkType.ETHERNET, true))
                        .nic(new Nic("ib0", MacAddress.of("80:00:02:08:fe:80:00:00:00:00:00:00:00:02:c9:03:00:0a:0b:0c"),
                                200_000, LinkType.INFINIBAND, true))
                        .trait("CUSTOM_GPU_A100")
                        .trait("CUSTOM_RAID")
                        .build())
                .resourceClass("baremetal-gpu")
                .provisionState(ProvisionState.ACTIVE)
                .powerState(PowerState.POWERING_OFF)
                .owner("tenant-\u00e9\u6771\ud83d\ude80")
                .maintenance(true, "fan 3 failed; \"ticket\" #4711\nsecond line")
                .build();
    }

    /**
     * A node with nothing but its id.
     *
     * @param id the id
     * @return the node
     */
    public static Node bare(String id) {
        return Node.builder(NodeId.of(id)).build();
    }
}
