package org.bmsdk.hardware.redfish.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.UnsupportedCapabilityException.Reason;
import org.bmsdk.api.bmc.BiosSettings;
import org.bmsdk.api.bmc.BmcCapability;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.BootControl;
import org.bmsdk.api.bmc.DiskErase;
import org.bmsdk.api.bmc.EventSubscriptions;
import org.bmsdk.api.bmc.FirmwareInventory;
import org.bmsdk.api.bmc.Health;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.bmc.PowerControl;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.api.bmc.SystemEventLog;
import org.bmsdk.api.bmc.VirtualMedia;

/**
 * A Redfish BMC client: the capabilities this BMC offers now, each asked of the BMC when requested
 * (a capability may come and go with licences and power state), and why one is missing.
 */
public final class RedfishBmcClient implements BmcClient {

    private final RedfishConnection connection;
    private final Ops ops;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Map<Class<? extends BmcCapability>, Function<Ops, ? extends BmcCapability>> factories = Map.of(
            PowerControl.class, RedfishPower::new,
            BootControl.class, RedfishBoot::new,
            VirtualMedia.class, RedfishVirtualMedia::new,
            Inventory.class, RedfishInventory::new,
            Health.class, RedfishHealth::new,
            SystemEventLog.class, RedfishEventLog::new,
            BiosSettings.class, RedfishBios::new,
            DiskErase.class, RedfishDiskErase::new,
            EventSubscriptions.class, RedfishEventSubscriptions::new,
            FirmwareInventory.class, RedfishFirmware::new);

    /**
     * Wraps a connection.
     *
     * @param connection the connection, owned by this client from now on
     * @param context the driver context
     */
    public RedfishBmcClient(RedfishConnection connection, DriverContext context) {
        this.connection = connection;
        this.ops = new Ops(connection, context.clock());
    }

    @Override
    public BmcEndpoint endpoint() {
        return connection.endpoint();
    }

    @Override
    public String driverId() {
        return BmcAddress.DRIVER_ID;
    }

    /**
     * The capability, when the BMC offers it now. A BMC that cannot be asked (unreachable, too slow,
     * refusing the login) is an error, thrown as it came (a {@code TransportException},
     * {@code OperationTimeoutException}, {@code AuthenticationException}...), not an absent
     * capability: a caller must be able to tell "retry later" from "this BMC has no such feature",
     * and {@link #require(Class)} then throws that error rather than an
     * {@code UnsupportedCapabilityException}.
     */
    @Override
    public <T extends BmcCapability> Optional<T> capability(Class<T> type) {
        if (reason(type, true).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(type.cast(factories.get(type).apply(ops)));
    }

    /** Why a capability is unavailable; a BMC that cannot be asked is reported as the reason, not thrown. */
    @Override
    public Optional<Unavailable> whyUnavailable(Class<? extends BmcCapability> type) {
        return reason(type, false);
    }

    private Optional<Unavailable> reason(Class<? extends BmcCapability> type, boolean throwWhenUnanswered) {
        if (!factories.containsKey(type)) {
            String detail = type == SerialConsole.class
                    ? "Redfish has no serial console; use the IPMI driver's Serial-over-LAN"
                    : "the redfish driver does not offer " + type.getSimpleName();
            return Optional.of(new Unavailable(Reason.NOT_OFFERED, detail));
        }
        Unavailable learned = ops.learned(type);
        if (learned != null) {
            return Optional.of(learned);
        }
        try {
            return probe(type, connection.context("capability." + type.getSimpleName()));
        } catch (BareMetalException e) {
            if (throwWhenUnanswered) {
                throw e;
            }
            return Optional.of(new Unavailable(Reason.NOT_IN_CURRENT_STATE, "the BMC could not be asked: " + e.getMessage()));
        }
    }

    /** Asks the BMC whether it offers a capability now. */
    private Optional<Unavailable> probe(Class<? extends BmcCapability> type, ErrorContext ctx) {
        Resource system = connection.http().get(ctx, connection.systemPath());
        if (type == PowerControl.class) {
            return system.at("Actions", "#ComputerSystem.Reset").isObject() ? Optional.empty()
                    : notOffered("the system has no #ComputerSystem.Reset action");
        }
        if (type == BootControl.class) {
            return system.at("Boot").isObject() ? Optional.empty() : notOffered("the system has no Boot object");
        }
        if (type == BiosSettings.class) {
            return system.link("Bios").isPresent() ? Optional.empty() : notOffered("the system links no Bios resource");
        }
        if (type == SystemEventLog.class) {
            return RedfishEventLog.services(connection, ctx).isEmpty() ? notOffered("neither the system nor its manager has a LogService")
                    : Optional.empty();
        }
        if (type == VirtualMedia.class) {
            var slots = RedfishVirtualMedia.slots(connection, ctx);
            if (slots.isEmpty()) {
                return notOffered("the BMC lists no CD or DVD virtual media slot");
            }
            if (slots.stream().allMatch(s -> s.text("ConnectedVia").orElse("").equals("Applet") && RedfishVirtualMedia.inserted(s))) {
                return Optional.of(new Unavailable(Reason.NOT_IN_CURRENT_STATE,
                        "the virtual CD is held by an interactive console (ConnectedVia Applet); it must be released there first"));
            }
            return Optional.empty();
        }
        if (type == DiskErase.class) {
            if (RedfishDiskErase.erasable(connection, ctx).isEmpty()) {
                return notOffered("no drive offers #Drive.SecureErase");
            }
            if (RedfishPower.stateOf(system) == PowerState.OFF) {
                return Optional.of(new Unavailable(Reason.NOT_IN_CURRENT_STATE,
                        "the drives are reached through the host's storage controller, which is unpowered while the machine is off"));
            }
            return Optional.empty();
        }
        if (type == EventSubscriptions.class) {
            return RedfishEventSubscriptions.whyNot(connection, ctx).map(why -> new Unavailable(
                    why.startsWith("state:") ? Reason.NOT_IN_CURRENT_STATE : Reason.NOT_OFFERED, why.substring(why.indexOf(':') + 1)));
        }
        return Optional.empty();
    }

    private static Optional<Unavailable> notOffered(String detail) {
        return Optional.of(new Unavailable(Reason.NOT_OFFERED, detail));
    }

    /** @return the connection, for the fleet poller, which reads power states over its own sockets */
    public RedfishConnection connection() {
        return connection;
    }

    /** @return the quirks in force, for tests and diagnostics */
    public Quirks quirks() {
        return connection.quirks();
    }

    /** Logs out when this is the last client of its session, and closes its connections. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
        }
    }

    @Override
    public String toString() {
        return "RedfishBmcClient[" + connection.http() + ", system=" + connection.systemPath() + "]";
    }
}
