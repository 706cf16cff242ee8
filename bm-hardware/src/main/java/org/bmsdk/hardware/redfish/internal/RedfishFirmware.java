package org.bmsdk.hardware.redfish.internal;

import java.util.Map;
import java.util.TreeMap;
import org.bmsdk.api.bmc.FirmwareInventory;
import org.bmsdk.api.bmc.FirmwareVersions;

/** BIOS version from the system, BMC firmware from its first manager, extra versions from the manager. */
final class RedfishFirmware implements FirmwareInventory {

    private final Ops ops;

    RedfishFirmware(Ops ops) {
        this.ops = ops;
    }

    @Override
    public FirmwareVersions firmware() {
        return ops.call(FirmwareInventory.class, "firmware.read", ctx -> {
            RedfishConnection c = ops.connection();
            Resource system = c.http().get(ctx, c.systemPath());
            String bmc = "";
            Map<String, String> others = new TreeMap<>();
            for (String m : c.managers(system, ctx)) {
                Resource manager = c.http().get(ctx, m);
                bmc = manager.text("FirmwareVersion").orElse("");
                manager.at("AdditionalFirmwareVersions").properties().forEach(f -> {
                    if (f.getValue().isTextual()) {
                        others.put(f.getKey(), f.getValue().textValue());
                    }
                });
                break;
            }
            return new FirmwareVersions(system.text("BiosVersion").orElse(""), bmc, others);
        });
    }
}
