package org.bmsdk.testkit.redfish.internal;

import static org.bmsdk.testkit.redfish.internal.BmcModel.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bmsdk.testkit.machine.SimulatedBios;

/**
 * A system's BIOS: the attributes in effect, and the settings object that stages changes for the
 * next reset ({@code @Redfish.Settings}, as iDRAC, iLO and the DMTF mockups do), and
 * {@code Bios.ResetBios}, which stages a return to defaults.
 */
final class BiosResources {

    private static final String BIOS = ROOT + "/Systems/{system}/Bios";

    private final BmcModel bmc;

    BiosResources(BmcModel bmc) {
        this.bmc = bmc;
    }

    void register(Routes r) {
        r.get(BIOS, c -> bios(bmc.system(c, c.param("system"))));
        r.patch(BIOS + "/Settings", c -> settings(bmc.system(c, c.param("system"))),
                (c, body) -> stage(bmc.system(c, c.param("system")), body));
        r.post(BIOS + "/Actions/Bios.ResetBios", c -> {
            bmc.system(c, c.param("system")).machine().bios().stageResetToDefaults();
            return Response.empty(204);
        });
    }

    private static String path(SystemState s) {
        return BmcModel.systemPath(s.id()) + "/Bios";
    }

    private ObjectNode bios(SystemState s) {
        SimulatedBios bios = s.machine().bios();
        ObjectNode o = Json.resource(path(s), "#Bios.v1_2_3.Bios", "Bios", "BIOS Configuration Current Settings");
        o.put("AttributeRegistry", "BiosAttributeRegistry.v1_0_0");
        o.set("Attributes", attributes(bios.current()));
        ObjectNode settings = Json.object();
        settings.put("@odata.type", "#Settings.v1_4_0.Settings");
        settings.set("SettingsObject", Json.link(path(s) + "/Settings"));
        settings.set("SupportedApplyTimes", Json.strings("OnReset"));
        o.set("@Redfish.Settings", settings);
        ObjectNode actions = Json.object();
        actions.set("#Bios.ResetBios", Json.action(path(s) + "/Actions/Bios.ResetBios"));
        o.set("Actions", actions);
        return o;
    }

    private ObjectNode settings(SystemState s) {
        ObjectNode o = Json.resource(path(s) + "/Settings", "#Bios.v1_2_3.Bios", "Settings",
                "BIOS Configuration Pending Settings");
        o.put("AttributeRegistry", "BiosAttributeRegistry.v1_0_0");
        o.set("Attributes", attributes(s.machine().bios().pending()));
        return o;
    }

    private static void stage(SystemState s, ObjectNode body) {
        JsonNode attrs = body.get("Attributes");
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!e.getKey().equals("Attributes") && !e.getKey().startsWith("@")) {
                throw new RedfishException(400, Messages.propertyUnknown(e.getKey()));
            }
        }
        if (attrs == null || !attrs.isObject()) {
            throw new RedfishException(400, Messages.propertyMissing("Attributes"));
        }
        SimulatedBios bios = s.machine().bios();
        Map<String, String> changes = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : attrs.properties()) {
            if (!bios.defaults().containsKey(e.getKey())) {
                throw new RedfishException(400, Messages.propertyUnknown("Attributes/" + e.getKey()));
            }
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new RedfishException(400, Messages.propertyValueTypeError(e.getValue().toString(),
                        "Attributes/" + e.getKey()));
            }
            changes.put(e.getKey(), e.getValue().asText());
        }
        bios.stage(changes);
    }

    /** Attribute values are kept as text; numbers and booleans go back out as JSON numbers and booleans. */
    private static ObjectNode attributes(Map<String, String> values) {
        ObjectNode o = Json.object();
        values.forEach((k, v) -> {
            if (v.matches("-?\\d{1,18}")) {
                o.put(k, Long.parseLong(v));
            } else if (v.equals("true") || v.equals("false")) {
                o.put(k, Boolean.parseBoolean(v));
            } else {
                o.put(k, v);
            }
        });
        return o;
    }
}
