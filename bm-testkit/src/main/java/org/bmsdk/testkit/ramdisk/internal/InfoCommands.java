package org.bmsdk.testkit.ramdisk.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bmsdk.api.model.DiskMedia;
import org.bmsdk.api.model.LinkType;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.testkit.ramdisk.internal.RamdiskHost.Device;
import org.bmsdk.testkit.ramdisk.internal.RamdiskHost.Interface;

/**
 * The ramdisk's commands that report the hardware: {@code lsblk}, {@code lldpctl -f keyvalue},
 * {@code ip -o link}. Their output copies util-linux 2.38's, lldpd 1.0's and iproute2 6.1's, so
 * that a client parsing them parses the real thing.
 */
final class InfoCommands {

    private static final List<String> LSBLK_DEFAULT = List.of("NAME", "MAJ:MIN", "RM", "SIZE", "RO", "TYPE", "MOUNTPOINTS");
    private static final List<String> RIGHT_ALIGNED = List.of("MAJ:MIN", "RM", "SIZE", "RO", "ROTA");

    private InfoCommands() {
    }

    // ---- lsblk

    static int lsblk(RamdiskHost host, List<String> args, Io io) throws IOException {
        boolean bytes = false;
        boolean pairs = false;
        boolean noHeadings = false;
        List<String> columns = LSBLK_DEFAULT;
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String value = null;
            if (a.startsWith("--output=")) {
                value = a.substring("--output=".length());
                a = "--output";
            } else if (a.startsWith("-o") && a.length() > 2) {
                value = a.substring(2);
                a = "-o";
            }
            switch (a) {
                case "-b", "--bytes" -> bytes = true;
                case "-d", "--nodeps" -> { }
                case "-n", "--noheadings" -> noHeadings = true;
                case "-P", "--pairs" -> pairs = true;
                case "-o", "--output" -> {
                    if (value == null) {
                        if (++i >= args.size()) {
                            return io.fail(1, "lsblk: option requires an argument -- 'o'");
                        }
                        value = args.get(i);
                    }
                    columns = new ArrayList<>();
                    for (String c : value.split(",")) {
                        String col = c.toUpperCase(Locale.ROOT);
                        if (!isColumn(col)) {
                            return io.fail(1, "lsblk: unknown column: " + c);
                        }
                        columns.add(col);
                    }
                }
                default -> {
                    if (a.startsWith("-") && !a.equals("-")) {
                        if (a.matches("-[bdnP]+")) {
                            for (char c : a.substring(1).toCharArray()) {
                                bytes |= c == 'b';
                                pairs |= c == 'P';
                                noHeadings |= c == 'n';
                            }
                            continue;
                        }
                        return io.fail(1, "lsblk: invalid option -- '" + a.replaceFirst("^-+", "") + "'\n"
                                + "Try 'lsblk --help' for more information.");
                    }
                    only.add(a);
                }
            }
        }
        List<Device> devices = new ArrayList<>();
        for (String path : only) {
            Optional<Device> d = host.device(path);
            if (d.isEmpty()) {
                return io.fail(32, "lsblk: " + path + ": not a block device");
            }
            devices.add(d.get());
        }
        if (only.isEmpty()) {
            devices.addAll(host.devices());
        }
        List<List<String>> rows = new ArrayList<>();
        for (Device d : devices) {
            List<String> row = new ArrayList<>();
            for (String c : columns) {
                row.add(value(d, c, bytes));
            }
            rows.add(row);
        }
        io.print(pairs ? pairs(columns, rows) : table(columns, rows, noHeadings));
        return 0;
    }

    private static boolean isColumn(String c) {
        return List.of("NAME", "KNAME", "PATH", "MAJ:MIN", "RM", "SIZE", "RO", "TYPE", "MOUNTPOINT", "MOUNTPOINTS", "ROTA",
                "MODEL", "SERIAL", "TRAN", "HCTL").contains(c);
    }

    private static String value(Device d, String column, boolean bytes) {
        boolean rom = d.disk() == null;
        return switch (column) {
            case "NAME", "KNAME" -> d.name();
            case "PATH" -> d.path();
            case "MAJ:MIN" -> d.major() + ":" + d.minor();
            case "RM" -> rom ? "1" : "0";
            case "RO" -> "0";
            case "SIZE" -> bytes ? Long.toString(d.size()) : human(d.size());
            case "TYPE" -> rom ? "rom" : "disk";
            case "ROTA" -> d.rotational() ? "1" : "0";
            case "MODEL" -> rom ? "Virtual CDROM" : model(d);
            case "SERIAL" -> rom ? "" : d.disk().spec().serial();
            case "TRAN" -> rom ? "usb" : d.disk().spec().protocol().name().toLowerCase(Locale.ROOT);
            case "HCTL" -> rom || d.name().startsWith("nvme") ? "" : "0:0:" + d.minor() / 16 + ":0";
            default -> "";
        };
    }

    private static String model(Device d) {
        DiskMedia media = d.disk().spec().media();
        return "bm-testkit " + (media == DiskMedia.HDD ? "HDD" : media == DiskMedia.NVME ? "NVMe SSD" : "SSD");
    }

    /** util-linux's size_to_human_string: powers of 1024, one decimal unless it is 0. */
    static String human(long bytes) {
        String units = "BKMGTPE";
        int exp = 0;
        while (exp < 6 && bytes >= (1L << (10 * (exp + 1)))) {
            exp++;
        }
        if (exp == 0) {
            return bytes + "B";
        }
        long unit = 1L << (10 * exp);
        long whole = bytes / unit;
        long frac = Math.round((double) (bytes % unit) / unit * 10);
        if (frac == 10) {
            whole++;
            frac = 0;
        }
        return whole + (frac == 0 ? "" : "." + frac) + units.charAt(exp);
    }

    private static String pairs(List<String> columns, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                sb.append(columns.get(i).replace(':', '_')).append("=\"").append(escape(row.get(i))).append('"');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** lsblk's escaping of values in --pairs: unsafe bytes as \xHH. */
    private static String escape(String v) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\' || c == '`' || c == '$' || c >= 0x7f) {
                sb.append(String.format(Locale.ROOT, "\\x%02x", (int) c & 0xff));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String table(List<String> columns, List<List<String>> rows, boolean noHeadings) {
        int[] width = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            width[i] = noHeadings ? 0 : columns.get(i).length();
            for (List<String> row : rows) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        if (!noHeadings) {
            line(sb, columns, columns, width);
        }
        for (List<String> row : rows) {
            line(sb, columns, row, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> columns, List<String> cells, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                l.append(' ');
            }
            String cell = cells.get(i);
            String pad = " ".repeat(width[i] - cell.length());
            l.append(RIGHT_ALIGNED.contains(columns.get(i)) ? pad + cell : cell + pad);
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    // ---- lldpctl

    static int lldpctl(RamdiskHost host, List<String> args, Io io) throws IOException {
        if (!args.equals(List.of("-f", "keyvalue")) && !args.equals(List.of("-f", "kv"))) {
            return io.fail(1, "lldpctl: the simulated ramdisk prints only 'lldpctl -f keyvalue', not 'lldpctl "
                    + String.join(" ", args) + "'");
        }
        io.print(keyvalue(host.interfaces(), host.uptime()));
        return 0;
    }

    /** What lldpd reports for the cabled Ethernet NICs, heard since boot; the switch's chassis ids numbered in order. */
    static String keyvalue(List<Interface> interfaces, Duration age) {
        Map<String, Integer> rids = new LinkedHashMap<>();
        StringBuilder sb = new StringBuilder();
        for (Interface i : interfaces) {
            if (i.nic().linkType() != LinkType.ETHERNET || i.nic().cabledTo().isEmpty()) {
                continue;
            }
            LocalLinkConnection link = i.nic().cabledTo().get();
            String p = "lldp." + i.name() + ".";
            sb.append(p).append("via=LLDP\n");
            sb.append(p).append("rid=").append(rids.computeIfAbsent(link.switchId(), k -> rids.size() + 1)).append('\n');
            sb.append(p).append("age=").append(age(age)).append('\n');
            boolean macId = isMac(link.switchId());
            sb.append(p).append("chassis.").append(macId ? "mac" : "local").append('=').append(link.switchId()).append('\n');
            String name = !link.switchInfo().isBlank() ? link.switchInfo() : macId ? null : link.switchId();
            if (name != null) {
                sb.append(p).append("chassis.name=").append(name).append('\n');
            }
            sb.append(p).append("chassis.descr=bm-testkit simulated switch\n");
            sb.append(p).append("chassis.Bridge.enabled=on\n");
            sb.append(p).append("chassis.Router.enabled=off\n");
            sb.append(p).append("port.").append(isMac(link.portId()) ? "mac" : "ifname").append('=').append(link.portId()).append('\n');
            sb.append(p).append("port.descr=").append(link.portId()).append('\n');
            sb.append(p).append("port.auto-negotiation.supported=no\n");
        }
        return sb.toString();
    }

    private static boolean isMac(String s) {
        return s.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    }

    /** lldpctl's age: {@code 0 day, 00:05:16}, {@code 17 days, 09:36:51}. */
    static String age(Duration d) {
        long s = Math.max(0, d.getSeconds());
        long days = s / 86400;
        return String.format(Locale.ROOT, "%d day%s, %02d:%02d:%02d", days, days > 1 ? "s" : "", s % 86400 / 3600, s % 3600 / 60, s % 60);
    }

    // ---- ip

    static int ip(RamdiskHost host, List<String> args, Io io) throws IOException {
        List<String> a = new ArrayList<>(args);
        boolean oneline = a.remove("-o") | a.remove("-oneline") | a.remove("--oneline");
        if (a.isEmpty() || !(a.get(0).equals("link") || a.get(0).equals("l")) || a.size() > 2
                || (a.size() == 2 && !a.get(1).equals("show") && !a.get(1).equals("list"))) {
            return io.fail(255, "Object \"" + String.join(" ", a) + "\" is unknown to the simulated ramdisk's ip; try \"ip -o link show\".");
        }
        String sep = oneline ? "\\" : "\n";
        StringBuilder sb = new StringBuilder();
        sb.append("1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000")
                .append(sep).append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n");
        int index = 2;
        for (Interface i : host.interfaces()) {
            boolean ib = i.nic().linkType() == LinkType.INFINIBAND;
            boolean carrier = i.nic().cabledTo().isPresent() || ib;
            String flags = carrier ? "<BROADCAST,MULTICAST,UP,LOWER_UP>" : "<NO-CARRIER,BROADCAST,MULTICAST,UP>";
            sb.append(index++).append(": ").append(i.name()).append(": ").append(flags)
                    .append(" mtu ").append(ib ? 2044 : 1500).append(" qdisc mq state ").append(carrier ? "UP" : "DOWN")
                    .append(" mode DEFAULT group default qlen ").append(ib ? 256 : 1000).append(sep)
                    .append("    link/").append(ib ? "infiniband " : "ether ").append(mac(i.nic().mac()))
                    .append(" brd ").append(ib ? "00:ff:ff:ff:ff:12:40:1b:ff:ff:00:00:00:00:00:00:ff:ff:ff:ff" : "ff:ff:ff:ff:ff:ff")
                    .append('\n');
        }
        io.print(sb.toString());
        return 0;
    }

    private static String mac(MacAddress mac) {
        return mac.value().toLowerCase(Locale.ROOT);
    }
}
