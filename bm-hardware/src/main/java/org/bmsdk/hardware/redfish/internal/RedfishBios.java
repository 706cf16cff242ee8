package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.TaskHandle;
import org.bmsdk.api.bmc.BiosSettings;

/**
 * BIOS attributes of the system's {@code Bios} resource. Changes go to its
 * {@code @Redfish.Settings} SettingsObject (the pending settings, applied at the next boot), typed
 * like the current values, and are read back from there; {@code Bios.ResetBios} is sent with no
 * body or {@code {}} as the BMC prefers.
 */
final class RedfishBios implements BiosSettings {

    private final Ops ops;

    RedfishBios(Ops ops) {
        this.ops = ops;
    }

    @Override
    public Map<String, String> attributes() {
        return ops.call(BiosSettings.class, "bios.read", ctx -> strings(bios(ctx).at("Attributes")));
    }

    @Override
    public void update(Map<String, String> changes) {
        Objects.requireNonNull(changes, "changes");
        if (changes.isEmpty()) {
            return;
        }
        ops.run(BiosSettings.class, "bios.update", ctx -> {
            Resource bios = bios(ctx);
            String settingsPath = bios.link("@Redfish.Settings", "SettingsObject").orElse(bios.path());
            Resource settings = settingsPath.equals(bios.path()) ? bios : ops.http().get(ctx, settingsPath);
            ObjectNode attributes = Json.object();
            changes.forEach((k, v) -> attributes.set(k, typed(bios.at("Attributes", k), v)));
            ObjectNode body = Json.object();
            body.set("Attributes", attributes);
            String applyTime = ops.http().quirks().biosApplyTime();
            if (!applyTime.isEmpty()) {
                body.putObject("@Redfish.SettingsApplyTime").put("ApplyTime", applyTime);
            }
            Writer w = new Writer(ops.http());
            HttpResult r = w.patch(ctx, settings, body);
            w.awaitTask(ctx, r, ops.http().options().actionTimeout(), () -> TaskHandle.State.COMPLETED);
            Map<String, String> now = strings(ops.http().get(ctx, settingsPath).at("Attributes"));
            List<String> missing = new ArrayList<>();
            changes.forEach((k, v) -> {
                if (!v.equals(now.get(k))) {
                    missing.add(k);
                }
            });
            if (!missing.isEmpty()) {
                throw new NotAppliedException("the BMC accepted BIOS changes but " + settingsPath + " does not show " + missing, ctx);
            }
        });
    }

    @Override
    public void resetToDefaults() {
        ops.run(BiosSettings.class, "bios.reset", ctx -> {
            Resource bios = bios(ctx);
            String target = bios.text("Actions", "#Bios.ResetBios", "target").orElseThrow(() ->
                    new DeviceException("the Bios resource offers no #Bios.ResetBios action", ctx, "bm.ActionNotOffered"));
            Writer w = new Writer(ops.http());
            HttpResult r = w.action(ctx, target, null, ops.http().quirks().resetBiosBodyFirst());
            w.awaitTask(ctx, r, ops.http().options().actionTimeout(), () -> TaskHandle.State.COMPLETED);
        });
    }

    private Resource bios(ErrorContext ctx) {
        Resource system = ops.http().get(ctx, ops.connection().systemPath());
        return ops.http().get(ctx, system.requireLink("Bios"));
    }

    /** A new value typed like the current one, because BMCs reject "1" for an integer attribute. */
    static JsonNode typed(JsonNode current, String value) {
        ObjectNode holder = Json.object();
        if (current.isBoolean() && (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false"))) {
            holder.put("v", Boolean.parseBoolean(value));
        } else if (current.isIntegralNumber()) {
            try {
                holder.put("v", Long.parseLong(value.strip()));
            } catch (NumberFormatException e) {
                holder.put("v", value);
            }
        } else if (current.isNumber()) {
            try {
                holder.put("v", Double.parseDouble(value.strip()));
            } catch (NumberFormatException e) {
                holder.put("v", value);
            }
        } else {
            holder.put("v", value);
        }
        return holder.get("v");
    }

    static Map<String, String> strings(JsonNode attributes) {
        Map<String, String> out = new TreeMap<>();
        if (attributes.isObject()) {
            attributes.properties().forEach(f -> {
                JsonNode v = f.getValue();
                if (v.isValueNode() && !v.isNull()) {
                    out.put(f.getKey(), v.asText());
                }
            });
        }
        return Collections.unmodifiableMap(out);
    }
}
