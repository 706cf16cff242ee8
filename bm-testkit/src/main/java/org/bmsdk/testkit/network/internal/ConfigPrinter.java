package org.bmsdk.testkit.network.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.bmsdk.testkit.network.internal.SwitchModel.Port;

/**
 * Prints a configuration the way a dialect's {@code show} commands do. Only what differs from the
 * factory default is printed, as on the real switches: VLAN 1, access VLAN 1, an enabled port and
 * a trunk allowing every VLAN print nothing.
 */
final class ConfigPrinter {

    private final Dialect d;
    private final DialectExtras x;

    ConfigPrinter(Dialect dialect) {
        this.d = dialect;
        this.x = DialectExtras.of(dialect.id());
    }

    /** {@code show running-config}: header, VLANs, interfaces, {@code end}. */
    String runningConfig(SwitchModel m) {
        List<String> body = new ArrayList<>();
        if ("nxos".equals(x.vxlan()) && !m.features.isEmpty()) {
            m.features.forEach(f -> body.add("feature " + f));
            body.add(d.separator());
        }
        if (d.vlanSummary()) {
            body.add("vlan " + VlanLists.format(m.vlans().keySet()));
            body.add(d.separator());
        }
        for (Map.Entry<Integer, String> v : m.vlans().entrySet()) {
            if (v.getKey() == SwitchModel.DEFAULT_VLAN) {
                continue;
            }
            boolean named = !v.getValue().equals(SwitchModel.defaultName(v.getKey()));
            Integer segment = "nxos".equals(x.vxlan()) ? m.vlanVni().get(v.getKey()) : null;
            if (d.vlanSummary() && !named && segment == null) {
                continue;
            }
            body.add("vlan " + v.getKey());
            if (named) {
                body.add(d.indent() + "name " + v.getValue());
            }
            if (segment != null) {
                body.add(d.indent() + "vn-segment " + segment);
            }
            body.add(d.separator());
        }
        for (Port p : m.ports().values()) {
            body.addAll(interfaceBlock(p));
            body.add(d.separator());
        }
        body.addAll(vxlanBlock(m));
        m.acls().forEach((name, entries) -> {
            body.add(x.aclHeader() + " " + name);
            entries.forEach((seq, words) -> body.add(d.indent() + (x.aclNumbered() ? seq + " " : "")
                    + String.join(" ", x.wildcardAcl() ? wildcards(words) : words)));
            body.add(d.separator());
        });
        body.addAll(d.trailer());
        String bodyText = String.join("\n", body);
        List<String> out = new ArrayList<>();
        for (String h : d.header()) {
            out.add(h.replace("{h}", m.hostname())
                    .replace("{bytes}", Integer.toString(bodyText.getBytes(StandardCharsets.US_ASCII).length)));
        }
        return String.join("\n", out) + "\n" + bodyText;
    }

    /** {@code show running-config interface X}. */
    String runningConfigInterface(Port p) {
        List<String> lines = new ArrayList<>(interfaceBlock(p));
        lines.addAll(d.trailer());
        String body = String.join("\n", lines);
        if (d.trailer().contains("end") && d.invalidInputCaret()) {
            return "Building configuration...\n\nCurrent configuration : " + body.length() + " bytes\n!\n" + body;
        }
        return body;
    }

    private List<String> interfaceBlock(Port p) {
        String in = d.indent();
        List<String> b = new ArrayList<>();
        b.add("interface " + p.name);
        if (p.description != null) {
            b.add(in + "description " + p.description);
        }
        if (p.nativeVlan != null) {
            b.add(in + "switchport trunk native vlan " + p.nativeVlan);
        }
        if (p.allowed != null) {
            b.addAll(allowedLines(p));
        }
        if (p.accessVlan != SwitchModel.DEFAULT_VLAN) {
            b.add(in + "switchport access vlan " + p.accessVlan);
        }
        b.add(in + "switchport mode " + (p.trunk ? "trunk" : "access"));
        if (p.aclIn != null) {
            b.add(in + x.aclBind() + " " + p.aclIn + " in");
        }
        if (p.aclOut != null) {
            b.add(in + x.aclBind() + " " + p.aclOut + " out");
        }
        if (p.lag != null) {
            b.add(in + "channel-group " + p.lag.replaceFirst("^\\D*", "") + " mode " + p.lagMode);
        }
        if (p.shutdown) {
            b.add(in + "shutdown");
        }
        return b;
    }

    /** EOS's {@code interface Vxlan1} with its map, NX-OS's {@code interface nve1} with its members. */
    private List<String> vxlanBlock(SwitchModel m) {
        List<String> b = new ArrayList<>();
        if (!m.vxlanInterface || x.vxlan() == null) {
            return b;
        }
        if (x.vxlan().equals("eos")) {
            b.add("interface Vxlan1");
            m.vlanVni().forEach((vlan, vni) -> b.add(d.indent() + "vxlan vlan " + vlan + " vni " + vni));
        } else {
            b.add("interface nve1");
            m.nveMembers.forEach(vni -> b.add(d.indent() + "member vni " + vni));
        }
        b.add(d.separator());
        return b;
    }

    /** IOS has no prefixes in ACLs: {@code A/LEN} (from {@link SwitchModel#apply}) is printed as {@code A WILDCARD}. */
    private static List<String> wildcards(List<String> words) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            int slash = w.indexOf('/');
            if (slash < 0) {
                out.add(w);
                continue;
            }
            int len = Integer.parseInt(w.substring(slash + 1));
            long mask = len == 0 ? 0 : (0xFFFF_FFFFL << (32 - len)) & 0xFFFF_FFFFL;
            if (len == 32) {
                out.add("host");
                out.add(w.substring(0, slash));
            } else {
                out.add(w.substring(0, slash));
                long wc = ~mask & 0xFFFF_FFFFL;
                out.add(((wc >> 24) & 255) + "." + ((wc >> 16) & 255) + "." + ((wc >> 8) & 255) + "." + (wc & 255));
            }
        }
        return out;
    }

    /** IOS breaks a long list into {@code add} lines; EOS keeps one line. */
    private List<String> allowedLines(Port p) {
        String first = d.indent() + "switchport trunk allowed vlan ";
        if (p.allowed.isEmpty()) {
            return List.of(first + "none");
        }
        List<String> ranges = VlanLists.ranges(p.allowed);
        if (d.allowedWrap() == 0) {
            return List.of(first + String.join(",", ranges));
        }
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(first);
        boolean empty = true;
        for (String r : ranges) {
            if (!empty && line.length() + 1 + r.length() > d.allowedWrap()) {
                lines.add(line.toString());
                line = new StringBuilder(d.indent() + "switchport trunk allowed vlan add ");
                empty = true;
            }
            line.append(empty ? "" : ",").append(r);
            empty = false;
        }
        lines.add(line.toString());
        return lines;
    }

    /** {@code show vlan}: VLAN, name, status and the access ports in it. */
    String vlans(SwitchModel m) {
        int w = d.invalidInputCaret() ? 4 : 5;
        StringBuilder sb = new StringBuilder();
        sb.append(pad("VLAN", w)).append(' ').append(pad("Name", 32)).append(' ').append(pad("Status", 9))
                .append(" Ports\n");
        sb.append("-".repeat(w)).append(' ').append("-".repeat(32)).append(' ').append("-".repeat(9)).append(' ')
                .append("-".repeat(31)).append('\n');
        for (Map.Entry<Integer, String> v : m.vlans().entrySet()) {
            StringJoiner ports = new StringJoiner(", ");
            for (Port p : m.ports().values()) {
                if (!p.trunk && p.accessVlan == v.getKey()) {
                    ports.add(d.shortName(p.name));
                }
            }
            String status = d.reservedVlans().contains(v.getKey()) ? "act/unsup" : "active";
            sb.append(pad(Integer.toString(v.getKey()), w)).append(' ').append(pad(v.getValue(), 32)).append(' ')
                    .append(pad(status, 9)).append(' ').append(ports).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    /** {@code show interfaces X switchport}. */
    String switchport(SwitchModel m, Port p) {
        String mode = p.trunk ? "trunk" : "static access";
        String nat = p.nativeVlan == null ? "1" : p.nativeVlan.toString();
        return "Name: " + d.shortName(p.name) + "\n"
                + "Switchport: Enabled\n"
                + "Administrative Mode: " + mode + "\n"
                + "Operational Mode: " + (p.shutdown ? "down" : mode) + "\n"
                + "Access Mode VLAN: " + p.accessVlan + " (" + m.vlans().getOrDefault(p.accessVlan, "Inactive") + ")\n"
                + "Trunking Native Mode VLAN: " + nat + " (" + m.vlans().getOrDefault(Integer.valueOf(nat), "Inactive") + ")\n"
                + "Trunking VLANs Enabled: " + (p.allowed == null ? "ALL" : p.allowed.isEmpty() ? "NONE" : VlanLists.format(p.allowed));
    }

    /**
     * {@code show interfaces status}: a port has link ({@code connected}) as
     * {@link SwitchState#link} says, none ({@code notconnect}) when enabled without, and is
     * {@code disabled} when shut down. Fixed columns under a header, as on the switch.
     */
    String interfacesStatus(SwitchModel m, java.util.function.Predicate<Port> link) {
        StringBuilder sb = new StringBuilder();
        sb.append(pad("Port", 10)).append(' ').append(pad("Name", 18)).append(' ').append(pad("Status", 12)).append(' ')
                .append(pad("Vlan", 10)).append(' ').append(pad("Duplex", 6)).append(' ').append(pad("Speed", 6)).append(" Type\n");
        for (Port p : m.ports().values()) {
            String status = p.shutdown ? "disabled" : link.test(p) ? "connected" : "notconnect";
            String name = p.description == null ? "" : p.description.length() > 18 ? p.description.substring(0, 18) : p.description;
            sb.append(pad(d.shortName(p.name), 10)).append(' ').append(pad(name, 18)).append(' ').append(pad(status, 12)).append(' ')
                    .append(pad(p.trunk ? "trunk" : Integer.toString(p.accessVlan), 10)).append(' ').append(pad("full", 6)).append(' ')
                    .append(pad("10G", 6)).append(" 10GBASE-T\n");
        }
        return sb.toString().stripTrailing();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
