package org.bmsdk.hardware.agent.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bmsdk.api.agent.BlockDevice;
import org.bmsdk.api.agent.LldpNeighbor;
import org.bmsdk.api.model.LocalLinkConnection;
import org.bmsdk.api.model.MacAddress;

/**
 * Parsers of what the ramdisk's programs print: {@code lsblk --pairs} (util-linux), {@code lldpctl
 * -f keyvalue} (lldpd) and {@code ip -o link} (iproute2). Pure functions; a line they cannot read is
 * an {@link IllegalArgumentException} naming it, never a silently shorter list.
 */
public final class AgentOutput {

    /** The lsblk command whose output {@link #blockDevices(String)} reads. */
    public static final String LSBLK = "lsblk --bytes --nodeps --noheadings --pairs --output NAME,SIZE,ROTA,TYPE";

    private static final Pattern PAIR = Pattern.compile("([A-Z_:-]+)=\"((?:[^\"\\\\]|\\\\x[0-9a-fA-F]{2})*)\"");
    private static final Pattern IP_LINK = Pattern.compile(
            "\\d+: ([^:@\\s]+)(?:@\\S+)?: <[^>]*>.*?\\blink/(ether|infiniband) ([0-9a-fA-F:]+) .*");

    private AgentOutput() {
    }

    /**
     * The whole disks in {@link #LSBLK}'s output: TYPE {@code disk} with a size above zero (an
     * empty zram or card reader is no disk to clean), in lsblk's order.
     *
     * @param output what lsblk printed
     * @return the disks
     */
    public static List<BlockDevice> blockDevices(String output) {
        List<BlockDevice> devices = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> pairs = pairs(line);
            String name = pairs.get("NAME");
            String size = pairs.get("SIZE");
            String rota = pairs.get("ROTA");
            String type = pairs.get("TYPE");
            if (name == null || size == null || rota == null || type == null || !size.matches("\\d{1,19}")
                    || name.isEmpty() || name.contains("/")) {
                throw new IllegalArgumentException("cannot read this line of lsblk's output: " + line);
            }
            long bytes = Long.parseLong(size);
            if (type.equals("disk") && bytes > 0) {
                devices.add(new BlockDevice("/dev/" + name, bytes, rota.equals("1")));
            }
        }
        return List.copyOf(devices);
    }

    /** The KEY="value" pairs of one lsblk line, values unescaped. */
    static Map<String, String> pairs(String line) {
        Map<String, String> pairs = new LinkedHashMap<>();
        Matcher m = PAIR.matcher(line);
        int at = 0;
        while (m.find()) {
            if (!line.substring(at, m.start()).isBlank()) {
                throw new IllegalArgumentException("cannot read this line of lsblk's output: " + line);
            }
            pairs.put(m.group(1), unescape(m.group(2)));
            at = m.end();
        }
        if (!line.substring(at).isBlank()) {
            throw new IllegalArgumentException("cannot read this line of lsblk's output: " + line);
        }
        return pairs;
    }

    private static String unescape(String v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) == '\\' && i + 3 < v.length() && v.charAt(i + 1) == 'x') {
                sb.append((char) Integer.parseInt(v.substring(i + 2, i + 4), 16));
                i += 3;
            } else {
                sb.append(v.charAt(i));
            }
        }
        return sb.toString();
    }

    /**
     * Each interface's hardware address from {@code ip -o link}: Ethernet and InfiniBand only
     * (not {@code lo}, tunnels or bridges without one).
     *
     * @param output what {@code ip -o link show} printed
     * @return interface name to address, in ip's order
     */
    public static Map<String, MacAddress> interfaceAddresses(String output) {
        Map<String, MacAddress> macs = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            Matcher m = IP_LINK.matcher(line);
            if (m.matches()) {
                macs.put(m.group(1), MacAddress.of(m.group(3).toLowerCase(Locale.ROOT)));
            }
        }
        return macs;
    }

    /**
     * The neighbours in {@code lldpctl -f keyvalue} output: per interface, the switch is the chassis
     * id (its MAC, or whatever other id it sends) and the port is the port id; the system name,
     * when it differs from the chassis id, becomes the switch info. Interfaces missing from
     * {@code macs} are left out (lldpd also hears on bridges and bonds).
     *
     * @param output what lldpctl printed
     * @param macs each interface's address, from {@link #interfaceAddresses(String)}
     * @return one neighbour per interface that hears one, in lldpctl's order
     */
    public static List<LldpNeighbor> lldpNeighbors(String output, Map<String, MacAddress> macs) {
        Map<String, Map<String, String>> byInterface = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (line.isBlank() || !line.startsWith("lldp.") || eq < 0) {
                continue;
            }
            String key = line.substring("lldp.".length(), eq);
            int dot = key.indexOf('.');
            if (dot <= 0) {
                continue;
            }
            Map<String, String> fields = byInterface.computeIfAbsent(key.substring(0, dot), k -> new LinkedHashMap<>());
            // lldpctl repeats a key for a second neighbour on one port; the first one is kept.
            fields.putIfAbsent(key.substring(dot + 1), line.substring(eq + 1));
        }
        List<LldpNeighbor> neighbors = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> e : byInterface.entrySet()) {
            Map<String, String> f = e.getValue();
            String chassis = first(f, "chassis.mac", "chassis.local", "chassis.ip", "chassis.ifname", "chassis.ifalias", "chassis.name");
            String port = first(f, "port.ifname", "port.local", "port.mac", "port.ip", "port.ifalias", "port.descr");
            MacAddress mac = macs.get(e.getKey());
            if (chassis == null || port == null || mac == null || chassis.isBlank() || port.isBlank()) {
                continue;
            }
            String name = f.getOrDefault("chassis.name", "");
            String info = name.equals(chassis) ? "" : name;
            neighbors.add(new LldpNeighbor(e.getKey(), mac, new LocalLinkConnection(chassis, port, info)));
        }
        return List.copyOf(neighbors);
    }

    private static String first(Map<String, String> fields, String... keys) {
        for (String k : keys) {
            String v = fields.get(k);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
