package org.bmsdk.api.workflow;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.bmsdk.api.agent.LldpNeighbor;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;

/**
 * A machine in memory, with what the properties watch: whose data is on its disks and whose
 * settings are in its BIOS. It boots the service ramdisk from the network on the operator's
 * networks (or from the ramdisk image), and its tenant's system otherwise, which writes the
 * tenant's data; that write is where a tenant would see another's leftovers.
 */
final class FakeMachine {

    static final URI RAMDISK = URI.create("http://127.0.0.1/ramdisk.iso");
    static final Map<String, String> BIOS_DEFAULTS = Map.of("BootMode", "Uefi", "SecureBoot", "Enabled");

    final NodeId id;
    final HardwareInventory inventory;
    final List<LldpNeighbor> lldp = new ArrayList<>();
    final FakeLab lab;
    boolean offersDiskErase;
    /** The BMC reaches the drives only through the powered host, as many do (and the simulated Redfish). */
    boolean eraseNeedsPower;
    boolean offersBios = true;
    /** The ramdisk's read-back lies: an erase that did not take. */
    boolean eraseDoesNotTake;

    PowerState power = PowerState.OFF;
    BootOverride override;
    URI media;
    boolean runningRamdisk;
    String runningTenant;
    final Map<String, String> bios = new HashMap<>(BIOS_DEFAULTS);
    boolean biosResetPending;
    final Set<String> dirtyDisks = new TreeSet<>();
    /** Whose data the disks hold, null when none. */
    String dataOwner;
    int erases;

    FakeMachine(FakeLab lab, String id, int cores, long memoryMib, String switchId, String port) {
        this.lab = lab;
        this.id = NodeId.of(id);
        int n = Math.abs(id.hashCode()) % 250;
        MacAddress mac = MacAddress.of(String.format("52:54:00:00:%02x:01", n));
        this.inventory = HardwareInventory.builder()
                .cpu(new Cpu("x86_64", "Fake CPU", cores, cores * 2))
                .memoryMib(memoryMib)
                .disk(new Disk("Disk.Bay.0", DiskMedia.SSD, DiskProtocol.SATA, 480_000_000_000L, "S" + id))
                .nic(new Nic("NIC.1", mac, 25_000, LinkType.ETHERNET, false))
                .build();
        lldp.add(new LldpNeighbor("eth0", mac, LocalLinkConnection.of(switchId, port)));
    }

    List<String> diskPaths() {
        return List.of("/dev/sda");
    }

    synchronized void powerOn() {
        if (power == PowerState.ON) {
            return;
        }
        power = PowerState.ON;
        boot();
    }

    synchronized void reboot() {
        power = PowerState.ON;
        boot();
    }

    synchronized void powerOff() {
        power = PowerState.OFF;
        runningRamdisk = false;
        runningTenant = null;
    }

    private void boot() {
        if (biosResetPending) {
            bios.clear();
            bios.putAll(BIOS_DEFAULTS);
            biosResetPending = false;
        }
        BootDevice device = override == null ? BootDevice.DISK : override.device();
        if (override != null && override.persistence() == BootPersistence.ONCE) {
            override = null;
        }
        NodeNetworks net = lab.networks.node(id).orElse(null);
        boolean onTenantNetwork = net != null && net.role() == NetworkRole.TENANT;
        boolean ramdisk = (device == BootDevice.PXE && !onTenantNetwork) || (device == BootDevice.CDROM && RAMDISK.equals(media));
        runningRamdisk = ramdisk;
        runningTenant = null;
        if (!ramdisk && net != null && net.tenant() != null) {
            tenantSystemRuns(net.tenant());
        }
    }

    /** The tenant's system comes up and writes its data and its BIOS settings. */
    private void tenantSystemRuns(String tenant) {
        if (dataOwner != null && !dataOwner.equals(tenant)) {
            lab.violation("node " + id + " booted for " + tenant + " still holds data of " + dataOwner);
        }
        String tweak = bios.get("TenantTweak");
        if (tweak != null && !tweak.equals(tenant)) {
            lab.violation("node " + id + " booted for " + tenant + " has BIOS settings of " + tweak);
        }
        runningTenant = tenant;
        dataOwner = tenant;
        dirtyDisks.addAll(diskPaths());
        bios.put("TenantTweak", tenant);
    }

    synchronized void eraseAll() {
        dirtyDisks.clear();
        dataOwner = null;
        erases++;
    }

    synchronized void erase(String path) {
        if (!eraseDoesNotTake) {
            dirtyDisks.remove(path);
        }
        if (dirtyDisks.isEmpty()) {
            dataOwner = null;
        }
        erases++;
    }
}
