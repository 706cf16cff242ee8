package org.bmsdk.hardware.redfish.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.NotAppliedException;
import org.bmsdk.api.TaskHandle;
import org.bmsdk.api.bmc.VirtualMedia;

/**
 * The virtual CD: the first CD/DVD slot under the System or the Manager (the order the quirks
 * say). Inserted with the InsertMedia action when the slot offers it, else by PATCHing
 * {@code Image}; ejected likewise. Every change is read back.
 */
final class RedfishVirtualMedia implements VirtualMedia {

    private final Ops ops;

    RedfishVirtualMedia(Ops ops) {
        this.ops = ops;
    }

    @Override
    public void insert(URI image) {
        Objects.requireNonNull(image, "image");
        String scheme = image.getScheme() == null ? "" : image.getScheme().toLowerCase(Locale.ROOT);
        ops.run(VirtualMedia.class, "vmedia.insert", ctx -> {
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new ConfigurationException("a virtual media image must be an http(s) URL, but was " + scheme + ":", ctx);
            }
            Resource slot = cd(ops.connection(), ctx);
            if (inserted(slot)) {
                eject(ctx, slot);
                slot = ops.http().get(ctx, slot.path());
            }
            Writer w = new Writer(ops.http());
            Optional<String> action = slot.text("Actions", "#VirtualMedia.InsertMedia", "target");
            HttpResult r;
            if (action.isPresent() && ops.http().quirks().virtualMediaInsert() == Quirks.VirtualMediaInsert.ACTION_OR_PATCH) {
                ObjectNode body = Json.object().put("Image", image.toString()).put("Inserted", true).put("WriteProtected", true);
                if (ops.http().quirks().virtualMediaTransferProtocol()) {
                    body.put("TransferProtocolType", scheme.toUpperCase(Locale.ROOT));
                }
                r = ops.http().exchange(ctx, "POST", action.get(), body, java.util.Map.of());
                if (r.status() == 400 && !body.has("TransferProtocolType") && r.text().contains("TransferProtocolType")) {
                    // A BMC the table does not know that wants the protocol named: say it, as sushy does.
                    body.put("TransferProtocolType", scheme.toUpperCase(Locale.ROOT));
                    r = ops.http().exchange(ctx, "POST", action.get(), body, java.util.Map.of());
                }
                ops.http().requireOk(r, ctx);
            } else {
                ObjectNode body = Json.object().put("Image", image.toString()).put("Inserted", true);
                r = w.patch(ctx, slot, body);
            }
            String path = slot.path();
            w.awaitTask(ctx, r, ops.http().options().actionTimeout(), () -> TaskHandle.State.COMPLETED);
            Resource after = ops.http().get(ctx, path);
            if (!inserted(after) || !image.toString().equals(after.text("Image").orElse(""))) {
                throw new NotAppliedException("the BMC accepted image " + image + " but slot " + after.id() + " shows "
                        + (inserted(after) ? after.text("Image").orElse("none") : "nothing inserted"), ctx);
            }
        });
    }

    @Override
    public void eject() {
        ops.run(VirtualMedia.class, "vmedia.eject", ctx -> {
            Resource slot = cd(ops.connection(), ctx);
            if (inserted(slot)) {
                eject(ctx, slot);
            }
        });
    }

    private void eject(ErrorContext ctx, Resource slot) {
        Writer w = new Writer(ops.http());
        Optional<String> action = slot.text("Actions", "#VirtualMedia.EjectMedia", "target");
        HttpResult r;
        if (action.isPresent() && ops.http().quirks().virtualMediaInsert() == Quirks.VirtualMediaInsert.ACTION_OR_PATCH) {
            r = w.action(ctx, action.get(), null, false);
        } else {
            ObjectNode body = Json.object().put("Inserted", false);
            body.putNull("Image");
            r = w.patch(ctx, slot, body);
        }
        w.awaitTask(ctx, r, ops.http().options().actionTimeout(), () -> TaskHandle.State.COMPLETED);
        if (inserted(ops.http().get(ctx, slot.path()))) {
            throw new NotAppliedException("the BMC accepted the eject but slot " + slot.id() + " still shows an image", ctx);
        }
    }

    @Override
    public Optional<URI> inserted() {
        return ops.call(VirtualMedia.class, "vmedia.get", ctx -> {
            Resource slot = cd(ops.connection(), ctx);
            if (!inserted(slot)) {
                return Optional.empty();
            }
            try {
                return Optional.of(new URI(slot.text("Image").orElse("").strip()));
            } catch (java.net.URISyntaxException e) {
                return Optional.empty();
            }
        });
    }

    static boolean inserted(Resource slot) {
        return slot.bool("Inserted").orElse(true) && !slot.text("Image").orElse("").isBlank();
    }

    /** The CD/DVD slot, or an UnsupportedCapabilityException-worthy absence. */
    static Resource cd(RedfishConnection c, ErrorContext ctx) {
        return slots(c, ctx).stream().findFirst().orElseThrow(() -> new org.bmsdk.api.UnsupportedCapabilityException("VirtualMedia",
                org.bmsdk.api.UnsupportedCapabilityException.Reason.NOT_OFFERED, "the BMC lists no CD or DVD virtual media slot", ctx));
    }

    /** The CD/DVD slots, the quirks' preferred place first. */
    static List<Resource> slots(RedfishConnection c, ErrorContext ctx) {
        RedfishHttp http = c.http();
        Resource system = http.get(ctx, c.systemPath());
        List<String> collections = new ArrayList<>();
        List<String> managers = new ArrayList<>();
        for (String m : c.managers(system, ctx)) {
            http.get(ctx, m).link("VirtualMedia").ifPresent(managers::add);
        }
        Optional<String> own = system.link("VirtualMedia");
        if (http.quirks().virtualMediaPlacement() == Quirks.VirtualMediaPlacement.SYSTEM_FIRST) {
            own.ifPresent(collections::add);
            collections.addAll(managers);
        } else {
            collections.addAll(managers);
            own.ifPresent(collections::add);
        }
        List<Resource> out = new ArrayList<>();
        for (String col : collections) {
            for (Resource slot : Navigator.members(http, ctx, col)) {
                List<String> types = slot.strings("MediaTypes");
                if (types.contains("CD") || types.contains("DVD")) {
                    out.add(slot);
                }
            }
            if (!out.isEmpty()) {
                break;
            }
        }
        return out;
    }
}
