package org.bmsdk.hardware.ipmi.internal;

import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootDevice;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.hardware.ipmi.IpmiWorkaround;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boot device through System Boot Options parameter 5, written inside the "set in progress"
 * lock of parameter 0 (IPMI v2.0 section 28.13) and read back. With
 * {@link IpmiWorkaround#BOOT_FLAGS_READBACK} only the device is compared, for BMCs that keep
 * nothing else.
 */
final class IpmiBootControl implements BootControl {

    private static final int SET_IN_PROGRESS = 0;
    private static final int BOOT_INFO_ACKNOWLEDGE = 4;
    private static final int CC_PARAMETER_NOT_SUPPORTED = 0x80;
    private static final int CC_SET_IN_PROGRESS = 0x81;
    private static final Logger LOG = LoggerFactory.getLogger(IpmiBootControl.class);

    private final IpmiConnection connection;

    IpmiBootControl(IpmiConnection connection) {
        this.connection = connection;
    }

    private boolean deviceOnly() {
        return connection.options().has(IpmiWorkaround.BOOT_FLAGS_READBACK);
    }

    @Override
    public Optional<BootOverride> bootOverride() {
        return connection.operation("boot.get", where -> read(where).toOverride(deviceOnly()));
    }

    private BootFlags read(ErrorContext where) {
        return connection.call(Commands.getBootOption(BootFlags.PARAMETER), where, BootFlags::decodeResponse);
    }

    @Override
    public void setBootOverride(BootOverride override) {
        Objects.requireNonNull(override, "override");
        connection.operation("boot.set", where -> {
            if (override.device() == BootDevice.UEFI_HTTP) {
                throw new ConfigurationException("UEFI HTTP boot cannot be chosen over IPMI (no boot device selector for it); "
                        + "use Redfish", where);
            }
            BootFlags wanted = BootFlags.of(override);
            boolean locked = beginSet(where);
            try {
                // tell the BIOS the new flags are unread, as ipmitool does (boot info acknowledge)
                IpmiResponse ack = connection.call(Commands.setBootOption(BOOT_INFO_ACKNOWLEDGE, Bytes.of(0x01, 0x01)), where);
                if (!ack.ok() && !unsupported(ack)) {
                    throw ack.failure(where);
                }
                connection.call(Commands.setBootOption(BootFlags.PARAMETER, wanted.encode()), where).require(where, 0);
            } finally {
                if (locked) {
                    endSet(where);
                }
            }
            verify(wanted, read(where), where);
            return null;
        });
    }

    /** Takes the set-in-progress lock; a lock left behind by a crashed client is cleared once. */
    private boolean beginSet(ErrorContext where) {
        for (int attempt = 0; attempt < 2; attempt++) {
            IpmiResponse r = connection.call(Commands.setBootOption(SET_IN_PROGRESS, Bytes.of(0x01)), where);
            if (r.ok()) {
                return true;
            }
            if (unsupported(r)) {
                LOG.debug("{} has no boot option set-in-progress lock ({}); writing without it", connection.endpoint(),
                        CompletionCodes.describe(r.completionCode()));
                return false;
            }
            if (r.completionCode() != CC_SET_IN_PROGRESS || attempt > 0) {
                throw r.failure(where);
            }
            connection.call(Commands.setBootOption(SET_IN_PROGRESS, Bytes.of(0x00)), where);
        }
        return false;
    }

    /** 80h is the specification's "parameter not supported"; ipmi_sim answers CCh for the same. */
    private static boolean unsupported(IpmiResponse r) {
        return r.completionCode() == CC_PARAMETER_NOT_SUPPORTED || r.completionCode() == CompletionCodes.INVALID_DATA_FIELD;
    }

    private void endSet(ErrorContext where) {
        try {
            connection.call(Commands.setBootOption(SET_IN_PROGRESS, Bytes.of(0x00)), where);
        } catch (RuntimeException e) {
            // the write's own outcome matters more; the BMC drops a stale lock on its own
            LOG.debug("could not release the boot option lock on {}: {}", connection.endpoint(), e.toString());
        }
    }

    private void verify(BootFlags wanted, BootFlags got, ErrorContext where) {
        boolean same = deviceOnly() ? wanted.device() == got.device() : wanted.equals(got);
        if (!same) {
            throw new NotAppliedException("the BMC accepted the boot flags but reads back " + describe(got) + " instead of "
                    + describe(wanted) + (deviceOnly() ? "" : " (BMCs that keep only the device need the 'bootreadback' workaround)"),
                    where);
        }
    }

    private static String describe(BootFlags f) {
        return "[device " + f.device() + (f.valid() ? ", valid" : ", not valid") + (f.persistent() ? ", persistent" : ", once")
                + (f.efi() ? ", EFI" : ", legacy") + "]";
    }
}
