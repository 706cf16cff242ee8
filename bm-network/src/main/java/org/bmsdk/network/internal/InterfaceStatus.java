package org.bmsdk.network.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the link state of every port from the Cisco-shaped {@code show interface status} table
 * (IOS, EOS, NX-OS, and Dell OS10's of the same name): a header line naming the columns, then one
 * row per port, the port in its short form ({@code Gi1/0/1}, {@code Et1}, {@code Eth1/1}; OS10
 * puts a blank after the type, {@code Eth 1/1/1}, {@code Po 10}). The status is the word under the
 * header's {@code Status}: {@code connected} is link (OS10: {@code up}); anything else
 * ({@code notconnect}, {@code disabled}, {@code err-disabled}, {@code sfpAbsent}, {@code down} ...)
 * is none. The name column may hold blanks, so the status is found by the header's column rather
 * than by counting words.
 */
final class InterfaceStatus {

    /** The command, which IOS and EOS also take in the abbreviation of their {@code interfaces}. */
    static final String COMMAND = "show interface status";

    /** Short forms to full interface type names, by dialect, as the running configuration spells them. */
    private static final Map<String, Map<String, String>> TYPES = Map.of(
            "cisco_ios", Map.of("Gi", "GigabitEthernet", "Te", "TenGigabitEthernet", "Fa", "FastEthernet", "Po", "Port-channel"),
            "arista_eos", Map.of("Et", "Ethernet", "Po", "Port-Channel", "Ma", "Management"),
            "cisco_nxos", Map.of("Eth", "Ethernet", "Po", "port-channel", "mgmt", "mgmt"),
            "dell_os10", Map.of("Eth", "ethernet", "Po", "port-channel", "Vl", "vlan", "Ma", "mgmt"));

    /** The status word that means link, where it is not Cisco's {@code connected}. */
    private static final Map<String, String> LINK = Map.of("dell_os10", "up");

    private InterfaceStatus() {
    }

    /**
     * Parses the table.
     *
     * @param dialectId the dialect, for the short interface names
     * @param text what the command printed
     * @return by full port name, true when it has link
     * @throws IllegalArgumentException when there is no header with a Status column
     */
    static Map<String, Boolean> parse(String dialectId, String text) {
        Map<String, String> types = TYPES.getOrDefault(dialectId, Map.of());
        String link = LINK.getOrDefault(dialectId, "connected");
        Map<String, Boolean> links = new LinkedHashMap<>();
        int status = -1;
        for (String raw : text.split("\r?\n")) {
            String line = raw.stripTrailing();
            if (status < 0) {
                if (line.startsWith("Port") && line.contains(" Status")) {
                    status = line.indexOf(" Status") + 1;
                }
                continue;
            }
            if (line.isBlank() || line.startsWith("-") || line.length() <= status) {
                continue;
            }
            String[] w = line.strip().split("\\s+");
            // OS10's "Eth 1/1/1": a type word without digits, then the number
            String port = w.length > 1 && w[0].chars().noneMatch(Character::isDigit) ? w[0] + w[1] : w[0];
            String word = line.substring(status).strip().split("\\s+")[0];
            links.put(expand(types, port), word.equals(link));
        }
        if (status < 0) {
            throw new IllegalArgumentException("no 'Port ... Status' header in the interface status table");
        }
        return links;
    }

    private static String expand(Map<String, String> types, String port) {
        int digit = 0;
        while (digit < port.length() && !Character.isDigit(port.charAt(digit))) {
            digit++;
        }
        String full = types.get(port.substring(0, digit));
        return full == null ? port : full + port.substring(digit);
    }
}
