package org.bmsdk.testkit.redfish.internal;

import static org.bmsdk.testkit.redfish.internal.BmcModel.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The managers (one BMC per system) and the virtual CD of each system, under the manager or
 * under the system as the spec says: {@code InsertMedia} / {@code EjectMedia} actions and PATCH of
 * {@code Image} and {@code Inserted}, carried out on the machine.
 */
final class ManagerResources {

    private static final String MANAGER = ROOT + "/Managers/{manager}";
    private static final String INSERT = "#VirtualMedia.InsertMedia";

    private final BmcModel bmc;

    ManagerResources(BmcModel bmc) {
        this.bmc = bmc;
    }

    void register(Routes r) {
        r.get(ROOT + "/Managers", c -> Json.collection(ROOT + "/Managers", "ManagerCollection",
                "Manager Collection", bmc.systems().stream().map(s -> BmcModel.managerPath(s.id())).toList()));
        r.get(MANAGER, c -> manager(bmc.system(c, c.param("manager"))));
        String owner = bmc.mediaUnderManager() ? MANAGER : ROOT + "/Systems/{manager}";
        r.get(owner + "/VirtualMedia", c -> {
            SystemState s = bmc.system(c, c.param("manager"));
            return Json.collection(bmc.virtualMediaPath(s.id()), "VirtualMediaCollection",
                    "Virtual Media Collection", List.of(cdPath(s)));
        });
        r.patch(owner + "/VirtualMedia/{media}", c -> cd(cd(c)), (c, body) -> patchCd(cd(c), body));
        r.post(owner + "/VirtualMedia/{media}/Actions/VirtualMedia.InsertMedia", c -> insert(cd(c), c.body()));
        r.post(owner + "/VirtualMedia/{media}/Actions/VirtualMedia.EjectMedia", c -> {
            cd(c).machine().ejectVirtualMedia();
            return Response.empty(204);
        });
    }

    private SystemState cd(Call c) {
        SystemState s = bmc.system(c, c.param("manager"));
        if (!c.param("media").equals("Cd")) {
            throw BmcModel.notFound(c);
        }
        return s;
    }

    private String cdPath(SystemState s) {
        return bmc.virtualMediaPath(s.id()) + "/Cd";
    }

    private ObjectNode manager(SystemState s) {
        String path = BmcModel.managerPath(s.id());
        ObjectNode o = Json.resource(path, "#Manager.v1_24_0.Manager", s.id(), "Manager");
        o.put("ManagerType", "BMC");
        o.put("Manufacturer", bmc.spec().vendor());
        o.put("Model", bmc.spec().product());
        o.put("FirmwareVersion", bmc.spec().firmwareVersion());
        o.put("UUID", java.util.UUID.nameUUIDFromBytes(("bmc " + s.uuid()).getBytes(
                java.nio.charset.StandardCharsets.UTF_8)).toString());
        o.put("PowerState", "On");
        o.put("DateTime", bmc.clock().instant().toString());
        o.put("DateTimeLocalOffset", "+00:00");
        o.set("Status", Json.status("Enabled", "OK"));
        if (bmc.mediaUnderManager()) {
            o.set("VirtualMedia", Json.link(bmc.virtualMediaPath(s.id())));
        }
        ObjectNode links = Json.object();
        links.set("ManagerForServers", Json.links(List.of(BmcModel.systemPath(s.id()))));
        links.set("ManagerForChassis", Json.links(List.of(BmcModel.chassisPath(s.id()))));
        o.set("Links", links);
        return o;
    }

    private ObjectNode cd(SystemState s) {
        String path = cdPath(s);
        Optional<String> image = s.machine().virtualMedia();
        ObjectNode o = Json.resource(path, "#VirtualMedia.v1_6_5.VirtualMedia", "Cd", "Virtual CD");
        o.set("MediaTypes", Json.strings("CD", "DVD"));
        if (image.isPresent()) {
            o.put("Image", image.get());
            o.put("ImageName", imageName(image.get()));
        } else {
            o.putNull("Image");
            o.putNull("ImageName");
        }
        o.put("Inserted", image.isPresent());
        o.put("WriteProtected", true);
        o.put("ConnectedVia", image.isPresent() ? "URI" : "NotConnected");
        o.set("Status", Json.status("Enabled", "OK"));
        ObjectNode actions = Json.object();
        actions.set(INSERT, Json.action(path + "/Actions/VirtualMedia.InsertMedia"));
        actions.set("#VirtualMedia.EjectMedia", Json.action(path + "/Actions/VirtualMedia.EjectMedia"));
        o.set("Actions", actions);
        return o;
    }

    /** The file name of an image URI; a test may have inserted any string into the machine directly. */
    private static String imageName(String image) {
        try {
            String p = URI.create(image).getPath();
            return p == null || p.isEmpty() ? image : p.substring(p.lastIndexOf('/') + 1);
        } catch (IllegalArgumentException e) {
            return image;
        }
    }

    private Response insert(SystemState s, ObjectNode body) {
        JsonNode image = body.get("Image");
        if (image == null || image.isNull()) {
            throw new RedfishException(400, Messages.actionParameterMissing(INSERT, "Image"));
        }
        String uri = checkImage(image.asText(), "Image");
        JsonNode inserted = body.get("Inserted");
        if (inserted == null || inserted.asBoolean(true)) {
            s.machine().insertVirtualMedia(uri);
        }
        return Response.empty(204);
    }

    private void patchCd(SystemState s, ObjectNode body) {
        String image = null;
        boolean imageGiven = false;
        Boolean inserted = null;
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            switch (e.getKey()) {
                case "Image":
                    imageGiven = true;
                    image = e.getValue().isNull() ? null : checkImage(e.getValue().asText(), "Image");
                    break;
                case "Inserted":
                    if (!e.getValue().isBoolean()) {
                        throw new RedfishException(400, Messages.propertyValueTypeError(e.getValue().toString(),
                                "Inserted"));
                    }
                    inserted = e.getValue().asBoolean();
                    break;
                case "WriteProtected":
                    break;
                default:
                    throw new RedfishException(400, Messages.propertyUnknown(e.getKey()));
            }
        }
        if ((imageGiven && image == null) || Boolean.FALSE.equals(inserted)) {
            s.machine().ejectVirtualMedia();
        } else if (image != null) {
            s.machine().insertVirtualMedia(image);
        }
    }

    private static String checkImage(String text, String property) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() != null && List.of("http", "https", "nfs", "cifs").contains(uri.getScheme())) {
                return text;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new RedfishException(400, Messages.propertyValueFormatError(text, property));
    }
}
