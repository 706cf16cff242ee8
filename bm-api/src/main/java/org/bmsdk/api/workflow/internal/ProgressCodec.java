package org.bmsdk.api.workflow.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.network.PortBinding;
import org.bmsdk.api.storage.VolumeConnector;
import org.bmsdk.api.workflow.BootSource;
import org.bmsdk.api.workflow.DeployRequest;
import org.bmsdk.api.workflow.Workflow;
import org.bmsdk.api.workflow.WorkflowStep;

/**
 * Writes a {@link Progress} as {@code key=value} lines, each value URL-encoded, and reads it back.
 * Plain text rather than JSON because bm-api has no JSON library, and a person reading the store
 * can still follow it. Repeated keys ({@code volume}, {@code port}) keep their order.
 */
public final class ProgressCodec {

    private ProgressCodec() {
    }

    /**
     * Encodes a progress record.
     *
     * @param p the record
     * @return its text
     */
    public static String encode(Progress p) {
        StringBuilder sb = new StringBuilder();
        line(sb, "workflow", p.workflow().name());
        line(sb, "step", p.step().name());
        line(sb, "finished", Boolean.toString(p.finished()));
        if (p.tenant() != null) {
            line(sb, "tenant", p.tenant());
        }
        DeployRequest r = p.request();
        if (r != null) {
            line(sb, "boot", r.boot().kind().name());
            r.boot().imageIfAny().ifPresent(u -> line(sb, "image", u.toString()));
            r.connector().ifPresent(c -> line(sb, "connector", c.type().name() + " " + c.initiator()));
            r.volumes().forEach(v -> line(sb, "volume", v));
            for (PortBinding b : r.bindings()) {
                List<String> parts = new ArrayList<>(List.of(b.link().switchId(), b.link().portId(), b.link().switchInfo()));
                parts.addAll(b.networks());
                StringBuilder v = new StringBuilder();
                for (String part : parts) {
                    v.append(v.length() == 0 ? "" : " ").append(enc(part));
                }
                line(sb, "port", v.toString());
            }
        }
        return sb.toString();
    }

    /**
     * Decodes a progress record.
     *
     * @param text what {@link #encode} wrote
     * @return the record
     * @throws IntegrityException when the text is not a progress record
     */
    public static Progress decode(String text) {
        try {
            Workflow workflow = null;
            WorkflowStep step = null;
            boolean finished = false;
            String tenant = null;
            String boot = null;
            URI image = null;
            VolumeConnector connector = null;
            DeployRequest.Builder request = DeployRequest.builder();
            for (String l : text.split("\n")) {
                if (l.isEmpty()) {
                    continue;
                }
                int eq = l.indexOf('=');
                String key = l.substring(0, eq);
                String value = key.equals("port") ? l.substring(eq + 1) : dec(l.substring(eq + 1));
                switch (key) {
                    case "workflow" -> workflow = Workflow.valueOf(value);
                    case "step" -> step = WorkflowStep.valueOf(value);
                    case "finished" -> finished = Boolean.parseBoolean(value);
                    case "tenant" -> tenant = value;
                    case "boot" -> boot = value;
                    case "image" -> image = URI.create(value);
                    case "connector" -> {
                        int sp = value.indexOf(' ');
                        connector = new VolumeConnector(VolumeConnector.Type.valueOf(value.substring(0, sp)), value.substring(sp + 1));
                    }
                    case "volume" -> request.volume(value);
                    case "port" -> {
                        List<String> parts = Arrays.stream(value.split(" ", -1)).map(ProgressCodec::dec).toList();
                        request.binding(new PortBinding(new LocalLinkConnection(parts.get(0), parts.get(1), parts.get(2)),
                                parts.subList(3, parts.size())));
                    }
                    default -> throw new IllegalArgumentException("unknown key " + key);
                }
            }
            DeployRequest r = null;
            if (boot != null) {
                r = request.connector(connector).boot(new BootSource(BootSource.Kind.valueOf(boot), image)).build();
            }
            return new Progress(workflow, step, finished, tenant, r);
        } catch (RuntimeException e) {
            throw new IntegrityException("workflow progress record does not decode: " + e.getMessage());
        }
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(key).append('=').append(key.equals("port") ? value : enc(value)).append('\n');
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String dec(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
