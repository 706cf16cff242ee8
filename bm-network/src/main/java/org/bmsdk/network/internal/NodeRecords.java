package org.bmsdk.network.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.NodeId;
import org.bmsdk.api.network.NetworkRole;
import org.bmsdk.api.network.NodeNetworks;
import org.bmsdk.api.network.PortBinding;

/**
 * The text form of the records {@link org.bmsdk.network.StoreTenantNetworks} keeps: one
 * {@code key=value} per line, so that a record read in a database console makes sense. Switch
 * and port names must be free of blanks, which every switch CLI requires anyway.
 */
public final class NodeRecords {

    private static final Pattern TOKEN = Pattern.compile("\\S{1,128}");

    private NodeRecords() {
    }

    /**
     * Encodes a node's record.
     *
     * @param n the record
     * @return its text
     */
    public static String encode(NodeNetworks n) {
        StringBuilder sb = new StringBuilder();
        sb.append("tenant=").append(n.tenant() == null ? "" : n.tenant()).append('\n');
        sb.append("role=").append(n.role()).append('\n');
        sb.append("quarantined=").append(n.quarantined()).append('\n');
        for (LocalLinkConnection l : n.ports()) {
            sb.append("port=").append(link(l)).append('\n');
        }
        for (PortBinding b : n.bindings()) {
            sb.append("bind=").append(link(b.link())).append(' ').append(String.join(",", b.networks())).append('\n');
        }
        return sb.toString();
    }

    /**
     * Decodes a node's record.
     *
     * @param node the node
     * @param text its text
     * @return the record
     */
    public static NodeNetworks decode(NodeId node, String text) {
        String tenant = null;
        NetworkRole role = NetworkRole.IDLE;
        boolean quarantined = true;
        List<LocalLinkConnection> ports = new ArrayList<>();
        List<PortBinding> bindings = new ArrayList<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = line.substring(0, eq);
            String v = line.substring(eq + 1);
            switch (k) {
                case "tenant" -> tenant = v.isEmpty() ? null : v;
                case "role" -> role = NetworkRole.valueOf(v);
                case "quarantined" -> quarantined = Boolean.parseBoolean(v);
                case "port" -> ports.add(link(v.split(" ")));
                case "bind" -> {
                    String[] f = v.split(" ");
                    bindings.add(new PortBinding(link(f), Arrays.asList(f[3].split(","))));
                }
                default -> {
                    // a field of a later version: ignored, so that old code reads new records
                }
            }
        }
        return new NodeNetworks(node, tenant, ports, bindings, role, quarantined);
    }

    /**
     * Checks that a link's names can be stored.
     *
     * @param l the link
     * @throws IllegalArgumentException when a name has blanks
     */
    public static void check(LocalLinkConnection l) {
        for (String s : new String[] {l.switchId(), l.portId()}) {
            if (!TOKEN.matcher(s).matches()) {
                throw new IllegalArgumentException("switch and port names must have no blanks, but were '" + l.switchId() + "' '"
                        + l.portId() + "'");
            }
        }
        if (!l.switchInfo().isEmpty() && !TOKEN.matcher(l.switchInfo()).matches()) {
            throw new IllegalArgumentException("switch info must have no blanks, but was '" + l.switchInfo() + "'");
        }
    }

    private static String link(LocalLinkConnection l) {
        // "-" for none, "=" before a value: a switch info may itself be "-".
        return l.switchId() + " " + l.portId() + " " + (l.switchInfo().isEmpty() ? "-" : "=" + l.switchInfo());
    }

    private static LocalLinkConnection link(String[] f) {
        return new LocalLinkConnection(f[0], f[1], "-".equals(f[2]) ? "" : f[2].substring(1));
    }
}
