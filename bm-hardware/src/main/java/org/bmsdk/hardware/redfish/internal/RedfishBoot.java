package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootMode;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.BootPersistence;

/**
 * The boot override of the system's {@code Boot} object. Targets are checked against
 * {@code BootSourceOverrideTarget@Redfish.AllowableValues}; every change is read back, because many
 * BMCs answer 200 to a boot override they then ignore.
 */
final class RedfishBoot implements BootControl {

    private static final int READ_BACKS = 3;

    private final Ops ops;

    RedfishBoot(Ops ops) {
        this.ops = ops;
    }

    @Override
    public Optional<BootOverride> bootOverride() {
        return ops.call(BootControl.class, "boot.get", ctx -> read(ops.http().get(ctx, ops.connection().systemPath())));
    }

    @Override
    public void setBootOverride(BootOverride override) {
        Objects.requireNonNull(override, "override");
        ops.run(BootControl.class, "boot.set", ctx -> {
            Resource system = ops.http().get(ctx, ops.connection().systemPath());
            String target = target(override.device());
            List<String> allowed = system.strings("Boot", "BootSourceOverrideTarget@Redfish.AllowableValues");
            if (!allowed.isEmpty() && !allowed.contains(target)) {
                throw new UnsupportedCapabilityException("BootControl", UnsupportedCapabilityException.Reason.NOT_OFFERED,
                        "boot target " + target + " is not among those this BMC allows " + allowed, ctx);
            }
            ObjectNode boot = Json.object();
            boot.put("BootSourceOverrideTarget", target);
            boot.put("BootSourceOverrideEnabled", override.persistence() == BootPersistence.ONCE ? "Once" : "Continuous");
            boolean hasMode = system.text("Boot", "BootSourceOverrideMode").isPresent();
            if (hasMode) {
                boot.put("BootSourceOverrideMode", override.mode() == BootMode.UEFI ? "UEFI" : "Legacy");
            }
            ObjectNode body = Json.object();
            body.set("Boot", boot);
            new Writer(ops.http()).patch(ctx, system, body);
            // Some BMCs apply a boot override a moment after answering: a few reads before calling it ignored.
            Optional<BootOverride> now = Optional.empty();
            boolean applied = false;
            for (int i = 0; i < READ_BACKS && !applied; i++) {
                if (i > 0) {
                    ops.http().sleep(ops.http().options().pollInterval(), ctx);
                }
                now = read(ops.http().get(ctx, ops.connection().systemPath()));
                applied = now.isPresent() && now.get().device() == override.device()
                        && now.get().persistence() == override.persistence() && (!hasMode || now.get().mode() == override.mode());
            }
            if (!applied) {
                throw new NotAppliedException("the BMC accepted boot override " + override + " but reads back "
                        + now.map(Object::toString).orElse("none") + " after " + READ_BACKS + " reads", ctx);
            }
        });
    }

    static Optional<BootOverride> read(Resource system) {
        String enabled = system.text("Boot", "BootSourceOverrideEnabled").orElse("Disabled");
        if (enabled.equals("Disabled")) {
            return Optional.empty();
        }
        Optional<BootDevice> device = device(system.text("Boot", "BootSourceOverrideTarget").orElse("None"));
        if (device.isEmpty()) {
            return Optional.empty();
        }
        BootMode mode = "Legacy".equals(system.text("Boot", "BootSourceOverrideMode").orElse("UEFI")) ? BootMode.LEGACY : BootMode.UEFI;
        BootPersistence p = enabled.equals("Continuous") ? BootPersistence.PERSISTENT : BootPersistence.ONCE;
        return Optional.of(new BootOverride(device.get(), mode, p));
    }

    static String target(BootDevice d) {
        switch (d) {
            case PXE:
                return "Pxe";
            case DISK:
                return "Hdd";
            case CDROM:
                return "Cd";
            case BIOS_SETUP:
                return "BiosSetup";
            case UEFI_HTTP:
                return "UefiHttp";
            default:
                throw new IllegalArgumentException("unknown boot device " + d);
        }
    }

    static Optional<BootDevice> device(String target) {
        switch (target) {
            case "Pxe":
                return Optional.of(BootDevice.PXE);
            case "Hdd":
                return Optional.of(BootDevice.DISK);
            case "Cd":
                return Optional.of(BootDevice.CDROM);
            case "BiosSetup":
                return Optional.of(BootDevice.BIOS_SETUP);
            case "UefiHttp":
                return Optional.of(BootDevice.UEFI_HTTP);
            default:
                return Optional.empty();
        }
    }
}
