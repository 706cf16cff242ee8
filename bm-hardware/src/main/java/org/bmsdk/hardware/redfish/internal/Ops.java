package org.bmsdk.hardware.redfish.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.UnsupportedCapabilityException;
import org.bmsdk.api.bmc.BmcCapability;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.event.EventListener;

/**
 * Runs one capability operation: tells the listener it started and how it ended, turns a licence
 * refusal into {@link UnsupportedCapabilityException} (and remembers it for
 * {@link BmcClient#whyUnavailable(Class)}), and wraps anything unexpected, such as a model record
 * refusing a value a BMC sent, into a {@link DeviceException}, so that callers only ever see bm-api
 * exceptions.
 */
final class Ops {

    private final RedfishConnection connection;
    private final Clock clock;
    private final Map<Class<? extends BmcCapability>, BmcClient.Unavailable> learned = new ConcurrentHashMap<>();

    Ops(RedfishConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    RedfishConnection connection() {
        return connection;
    }

    RedfishHttp http() {
        return connection.http();
    }

    Clock clock() {
        return clock;
    }

    /** What the BMC told us about a capability while using it (a missing licence), if anything. */
    BmcClient.Unavailable learned(Class<? extends BmcCapability> type) {
        return learned.get(type);
    }

    <T> T call(Class<? extends BmcCapability> capability, String operation, Function<ErrorContext, T> body) {
        ErrorContext ctx = connection.context(operation);
        EventListener events = connection.events();
        Instant start = clock.instant();
        events.operationStarted(ctx);
        try {
            T result = body.apply(ctx);
            events.operationSucceeded(ctx, since(start));
            return result;
        } catch (LicenceRequiredException e) {
            BmcClient.Unavailable why = new BmcClient.Unavailable(UnsupportedCapabilityException.Reason.NOT_LICENSED,
                    "the BMC refused for want of a licence (" + e.deviceCode() + ")");
            learned.put(capability, why);
            UnsupportedCapabilityException u = new UnsupportedCapabilityException(capability.getSimpleName(), why.reason(), why.detail(), ctx);
            u.addSuppressed(e); // the constructor fixes the cause at null; the BMC's answer stays reachable
            events.operationFailed(ctx, since(start), u);
            throw u;
        } catch (BareMetalException e) {
            events.operationFailed(ctx, since(start), e);
            throw e;
        } catch (RuntimeException e) {
            DeviceException d = new DeviceException(operation + " failed on data the BMC sent: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + Text.clip(e.getMessage(), 200) + ")"), ctx, "bm.InvalidData", false, e);
            events.operationFailed(ctx, since(start), d);
            throw d;
        }
    }

    void run(Class<? extends BmcCapability> capability, String operation, java.util.function.Consumer<ErrorContext> body) {
        call(capability, operation, ctx -> {
            body.accept(ctx);
            return null;
        });
    }

    private Duration since(Instant start) {
        return Duration.between(start, clock.instant());
    }
}
