package org.bmsdk.testkit.network.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.bmsdk.testkit.network.internal.SwitchModel.Port;

/**
 * The link-state tables of the dialects that are not Cisco-shaped, printed from the running
 * configuration and whether each port has link ({@link SwitchState#link}): Junos's {@code show
 * interfaces terse}, Dell OS10's {@code show interface status} and Cumulus NVUE's {@code nv show
 * interface} (SONiC's {@code show interfaces status} is {@link SonicInterpreter#interfacesStatus}).
 * Their layouts follow the vendors' published sample outputs, not a capture from a device.
 */
final class LinkTables {

    private LinkTables() {
    }

    /**
     * {@code show interfaces terse}: each physical port ({@code Admin} down when it is disabled,
     * {@code Link} up when it has link), then its unit 0 when it switches, as on an EX switch; the
     * loopback last, with its address lines.
     */
    static String junosTerse(SwitchModel m, Predicate<Port> link) {
        String f = "%-24s%-6s%-5s%-9s%-22s%s";
        List<String> out = new ArrayList<>();
        out.add(String.format(f, "Interface", "Admin", "Link", "Proto", "Local", "Remote").stripTrailing());
        for (Port p : m.ports().values()) {
            String admin = p.shutdown ? "down" : "up";
            String l = link.test(p) ? "up" : "down";
            out.add(String.format(f, p.name, admin, l, "", "", "").stripTrailing());
            if (p.eswUnit || p.trunk || p.lagInterface) {
                out.add(String.format(f, p.name + ".0", "up", l, "eth-switch", "", "").stripTrailing());
            }
        }
        out.add(String.format(f, "lo0", "up", "up", "", "", "").stripTrailing());
        out.add(String.format(f, "lo0.0", "up", "up", "inet", "127.0.0.1", "--> 0/0").stripTrailing());
        out.add(String.format(f, "", "", "", "inet6", "fe80::2a0:a5ff:fe12:2f04", "").stripTrailing());
        return String.join("\n", out);
    }

    /**
     * Dell OS10's {@code show interface status}: between dashed lines the header, then a row per
     * port named as OS10 abbreviates it ({@code Eth 1/1/1}, {@code Po 10}), its description cut to
     * 15 characters, {@code up} when it has link.
     */
    static String os10Status(SwitchModel m, Predicate<Port> link) {
        String dashes = "-".repeat(98);
        String f = "%-16s%-16s%-9s%-9s%-9s%-5s%-5s%s";
        List<String> out = new ArrayList<>(List.of(dashes,
                String.format(f, "Port", "Description", "Status", "Speed", "Duplex", "Mode", "Vlan", "Tagged-Vlans"), dashes));
        for (Port p : m.ports().values()) {
            boolean up = link.test(p);
            String d = p.description == null ? "" : p.description.length() > 15 ? p.description.substring(0, 13) + ".." : p.description;
            String tagged = p.trunk && p.allowed != null && !p.allowed.isEmpty() ? VlanLists.format(p.allowed) : "-";
            out.add(String.format(f, os10Name(p.name), d, up ? "up" : "down", up ? "25G" : "0", "full", p.trunk ? "T" : "A",
                    p.accessVlan, tagged).stripTrailing());
        }
        return String.join("\n", out);
    }

    private static String os10Name(String port) {
        if (port.startsWith("ethernet")) {
            return "Eth " + port.substring("ethernet".length());
        }
        if (port.startsWith("port-channel")) {
            return "Po " + port.substring("port-channel".length());
        }
        return port;
    }

    /**
     * Cumulus NVUE's {@code nv show interface}: a row per interface, its {@code State} up when it
     * has link; the loopback's addresses on lines of their own under {@code Summary}, as NVUE
     * wraps that column.
     */
    static String nvueInterfaces(SwitchModel m, Predicate<Port> link) {
        String f = "%-12s%-7s%-7s%-7s%-10s%-17s%-17s%s";
        List<String> out = new ArrayList<>();
        out.add(String.format(f, "Interface", "State", "Speed", "MTU", "Type", "Remote Host", "Remote Port", "Summary").stripTrailing());
        out.add(String.format(f, "-".repeat(10), "-".repeat(5), "-".repeat(5), "-".repeat(5), "-".repeat(8), "-".repeat(15),
                "-".repeat(15), "-".repeat(15)));
        out.add(String.format(f, "lo", "up", "", "65536", "loopback", "", "", "IP Address:"));
        out.add(String.format(f, "", "", "", "", "", "", "", "127.0.0.1/8"));
        for (Port p : m.ports().values()) {
            boolean up = link.test(p);
            String summary = p.lag == null ? "" : "Master: " + p.lag;
            out.add(String.format(f, p.name, up ? "up" : "down", up ? "25G" : "", "9216", p.lagInterface ? "bond" : "swp", "", "",
                    summary).stripTrailing());
        }
        return String.join("\n", out);
    }
}
