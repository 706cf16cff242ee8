package org.bmsdk.api.workflow;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.TaskHandle;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.BiosSettings;
import org.bmsdk.api.bmc.BmcCapability;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.BootOverride;
import org.bmsdk.api.bmc.DiskErase;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.PowerAction;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.VirtualMedia;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.model.HardwareInventory;

/** A BMC in memory over a {@link FakeMachine}; every call may meet an injected fault. */
final class FakeBmc implements BmcClient, PowerControl, BootControl, VirtualMedia, Inventory, BiosSettings, DiskErase {

    private final FakeMachine m;
    private final Faults faults;

    FakeBmc(FakeMachine machine, Faults faults) {
        this.m = machine;
        this.faults = faults;
    }

    @Override
    public BmcEndpoint endpoint() {
        return BmcEndpoint.builder("redfish://127.0.0.1").credentials(CredentialRef.parse("env:U:P")).build();
    }

    @Override
    public String driverId() {
        return "fake";
    }

    @Override
    public <T extends BmcCapability> Optional<T> capability(Class<T> type) {
        if (type == DiskErase.class && !m.offersDiskErase || type == BiosSettings.class && !m.offersBios) {
            return Optional.empty();
        }
        synchronized (m) {
            if (type == DiskErase.class && m.eraseNeedsPower && m.power != PowerState.ON) {
                return Optional.empty();
            }
        }
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    public Optional<Unavailable> whyUnavailable(Class<? extends BmcCapability> type) {
        if (capability(type).isPresent()) {
            return Optional.empty();
        }
        boolean offline = type == DiskErase.class && m.offersDiskErase && m.eraseNeedsPower;
        return Optional.of(new Unavailable(offline ? UnsupportedCapabilityException.Reason.NOT_IN_CURRENT_STATE
                : UnsupportedCapabilityException.Reason.NOT_OFFERED, offline ? "the host is off" : "not offered"));
    }

    @Override
    public void close() {
    }

    @Override
    public PowerState powerState() {
        faults.device("power.state");
        synchronized (m) {
            return m.power;
        }
    }

    @Override
    public void perform(PowerAction action, Duration timeout) {
        faults.device("power." + action);
        switch (action) {
            case ON -> m.powerOn();
            case OFF, SOFT_OFF -> m.powerOff();
            case REBOOT, SOFT_REBOOT, POWER_CYCLE -> m.reboot();
            default -> {
            }
        }
    }

    @Override
    public boolean gracefulShutdown(Duration timeout, boolean forceAfterTimeout) {
        faults.device("power.shutdown");
        m.powerOff();
        return true;
    }

    @Override
    public Optional<BootOverride> bootOverride() {
        synchronized (m) {
            return Optional.ofNullable(m.override);
        }
    }

    @Override
    public void setBootOverride(BootOverride override) {
        faults.device("boot.set");
        synchronized (m) {
            m.override = override;
        }
    }

    @Override
    public void insert(URI image) {
        faults.device("vmedia.insert");
        synchronized (m) {
            m.media = image;
        }
    }

    @Override
    public void eject() {
        faults.device("vmedia.eject");
        synchronized (m) {
            m.media = null;
        }
    }

    @Override
    public Optional<URI> inserted() {
        synchronized (m) {
            return Optional.ofNullable(m.media);
        }
    }

    @Override
    public HardwareInventory inventory() {
        faults.device("inventory");
        return m.inventory;
    }

    @Override
    public Map<String, String> attributes() {
        faults.device("bios.read");
        synchronized (m) {
            return Map.copyOf(m.bios);
        }
    }

    @Override
    public void update(Map<String, String> changes) {
        faults.device("bios.update");
        synchronized (m) {
            m.bios.putAll(changes);
        }
    }

    @Override
    public void resetToDefaults() {
        faults.device("bios.reset");
        synchronized (m) {
            m.biosResetPending = true;
        }
    }

    @Override
    public TaskHandle eraseAll() {
        faults.device("erase.start");
        m.eraseAll();
        return new TaskHandle() {
            @Override
            public String id() {
                return "/redfish/v1/TaskService/Tasks/1";
            }

            @Override
            public State state() {
                return State.COMPLETED;
            }

            @Override
            public void await(Duration timeout) {
                faults.device("erase.await");
            }
        };
    }
}
