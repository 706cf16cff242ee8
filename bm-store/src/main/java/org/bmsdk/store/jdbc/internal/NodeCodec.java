package org.bmsdk.store.jdbc.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeSet;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.PowerState;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.lifecycle.LifecycleState;
import org.bmsdk.api.lifecycle.ProvisionState;
import org.bmsdk.api.model.Cpu;
import org.bmsdk.api.model.Disk;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.DiskProtocol;
import org.bmsdk.api.model.HardwareInventory;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.api.model.Nic;
import org.bmsdk.api.model.Node;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.model.Port;

/**
 * A {@link Node} as JSON text, written by hand over Jackson's tree model so that bm-api needs no
 * Jackson annotations and the stored format is visible here, field by field.
 *
 * <p>Every record carries {@code "format"}: a later version of this codec reads older formats and
 * migrates them. Enum values this code does not know read as {@code UNKNOWN} where the enum has one
 * (a newer writer may know more power states); everywhere else, anything malformed is an
 * {@link IntegrityException} and nothing else.
 */
public final class NodeCodec {

    /** The format this codec writes, and the newest it reads. */
    public static final int FORMAT = 1;

    /** The message for inline credentials, which must never reach a store. */
    public static final String INLINE_REFUSED = "inline credentials cannot be stored; use env:, file: or an external reference";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private NodeCodec() {
    }

    /**
     * Writes a node.
     *
     * @param node the node
     * @param context where, for the error
     * @return the JSON text
     * @throws ConfigurationException when a BMC endpoint holds inline credentials
     */
    public static String encode(Node node, ErrorContext context) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("id", node.id().value());
        root.put("name", node.name());
        ArrayNode bmcs = root.putArray("bmcEndpoints");
        for (BmcEndpoint e : node.bmcEndpoints()) {
            bmcs.add(endpoint(node, e, context));
        }
        ArrayNode ports = root.putArray("ports");
        for (Port p : node.ports()) {
            ObjectNode o = ports.addObject();
            o.put("mac", p.mac().value());
            if (p.link() == null) {
                o.putNull("link");
            } else {
                o.putObject("link").put("switchId", p.link().switchId()).put("portId", p.link().portId())
                        .put("switchInfo", p.link().switchInfo());
            }
            o.put("pxeEnabled", p.pxeEnabled());
        }
        root.set("inventory", inventory(node.inventory()));
        root.put("resourceClass", node.resourceClass());
        root.put("provisionState", node.provisionState().name());
        root.put("targetProvisionState", node.targetProvisionState().name());
        root.put("powerState", node.powerState().name());
        root.put("owner", node.owner().orElse(null));
        root.put("maintenance", node.maintenance());
        root.put("maintenanceReason", node.maintenanceReason());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree of strings and numbers failed to serialise", e);
        }
    }

    private static ObjectNode endpoint(Node node, BmcEndpoint e, ErrorContext context) {
        if (!e.credentials().isPersistable()) {
            throw new ConfigurationException("node " + node.id() + ", BMC " + e.uri() + ": " + INLINE_REFUSED, context);
        }
        ObjectNode o = MAPPER.createObjectNode();
        o.put("uri", e.uri().toString());
        o.put("credentials", e.credentials().toUri());
        o.put("driverId", e.driverId().orElse(null));
        o.put("insecure", e.insecure());
        o.put("caCertificate", e.caCertificate().map(Path::toString).orElse(null));
        o.put("connectTimeout", e.connectTimeout().toString());
        o.put("requestTimeout", e.requestTimeout().toString());
        return o;
    }

    private static ObjectNode inventory(HardwareInventory inv) {
        ObjectNode o = MAPPER.createObjectNode();
        ArrayNode cpus = o.putArray("cpus");
        for (Cpu c : inv.cpus()) {
            cpus.addObject().put("arch", c.arch()).put("model", c.model()).put("cores", c.cores()).put("threads", c.threads());
        }
        o.put("memoryMib", inv.memoryMib());
        ArrayNode disks = o.putArray("disks");
        for (Disk d : inv.disks()) {
            disks.addObject().put("name", d.name()).put("media", d.media().name()).put("protocol", d.protocol().name())
                    .put("sizeBytes", d.sizeBytes()).put("serial", d.serial());
        }
        ArrayNode nics = o.putArray("nics");
        for (Nic n : inv.nics()) {
            nics.addObject().put("name", n.name()).put("mac", n.mac().value()).put("speedMbps", n.speedMbps())
                    .put("linkType", n.linkType().name()).put("rdmaCapable", n.rdmaCapable());
        }
        ArrayNode traits = o.putArray("traits");
        // Sorted, so that one node always encodes to the same text.
        new TreeSet<>(inv.traits()).forEach(traits::add);
        return o;
    }

    /**
     * Reads a node.
     *
     * @param json the JSON text
     * @return the node
     * @throws IntegrityException when the text is not a node record of a known format; never any
     *     other exception
     */
    public static Node decode(String json) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            JsonFields root = JsonFields.of(tree, "");
            int format = root.int32("format");
            if (format < 1 || format > FORMAT) {
                throw JsonFields.bad("format " + format + " is not one this bm-store reads (1.." + FORMAT + ")");
            }
            return node(root);
        } catch (IntegrityException e) {
            throw new IntegrityException("node record does not decode: " + e.getMessage(), ErrorContext.NONE, e);
        } catch (JacksonException e) {
            throw new IntegrityException("node record is not valid JSON: " + e.getOriginalMessage(), ErrorContext.NONE, e);
        } catch (RuntimeException e) {
            // The model's constructors reject invalid values with IllegalArgumentException and the
            // like; in a stored record that is corruption, whatever the exception's class.
            throw new IntegrityException("node record does not decode: " + e, ErrorContext.NONE, e);
        }
    }

    private static Node node(JsonFields root) {
        Node.Builder b = Node.builder(NodeId.of(root.text("id"))).name(root.text("name"));
        for (JsonFields e : root.objects("bmcEndpoints")) {
            b.bmc(endpoint(e));
        }
        for (JsonFields p : root.objects("ports")) {
            JsonFields link = p.optionalObject("link");
            b.port(new Port(MacAddress.of(p.text("mac")),
                    link == null ? null : new LocalLinkConnection(link.text("switchId"), link.text("portId"), link.text("switchInfo")),
                    p.bool("pxeEnabled")));
        }
        ProvisionState state = root.enumValue("provisionState", ProvisionState.class, null);
        ProvisionState target = root.enumValue("targetProvisionState", ProvisionState.class, null);
        return b.inventory(inventory(root.object("inventory")))
                .resourceClass(root.text("resourceClass"))
                .lifecycle(new LifecycleState(state, target, false))
                .powerState(root.enumValue("powerState", PowerState.class, PowerState.UNKNOWN))
                .owner(root.optionalText("owner"))
                .maintenance(root.bool("maintenance"), root.text("maintenanceReason"))
                .build();
    }

    private static BmcEndpoint endpoint(JsonFields e) {
        BmcEndpoint.Builder b = BmcEndpoint.builder(e.text("uri"))
                .credentials(CredentialRef.parse(e.text("credentials")))
                .driverId(e.optionalText("driverId"))
                .insecure(e.bool("insecure"))
                .connectTimeout(Duration.parse(e.text("connectTimeout")))
                .requestTimeout(Duration.parse(e.text("requestTimeout")));
        String ca = e.optionalText("caCertificate");
        if (ca != null) {
            b.caCertificate(Path.of(ca));
        }
        return b.build();
    }

    private static HardwareInventory inventory(JsonFields o) {
        HardwareInventory.Builder b = HardwareInventory.builder();
        for (JsonFields c : o.objects("cpus")) {
            b.cpu(new Cpu(c.text("arch"), c.text("model"), c.int32("cores"), c.int32("threads")));
        }
        b.memoryMib(o.integer("memoryMib"));
        for (JsonFields d : o.objects("disks")) {
            b.disk(new Disk(d.text("name"), d.enumValue("media", DiskMedia.class, DiskMedia.UNKNOWN),
                    d.enumValue("protocol", DiskProtocol.class, DiskProtocol.UNKNOWN), d.integer("sizeBytes"), d.text("serial")));
        }
        for (JsonFields n : o.objects("nics")) {
            b.nic(new Nic(n.text("name"), MacAddress.of(n.text("mac")), n.integer("speedMbps"),
                    n.enumValue("linkType", LinkType.class, LinkType.UNKNOWN), n.bool("rdmaCapable")));
        }
        o.texts("traits").forEach(b::trait);
        return b.build();
    }
}
