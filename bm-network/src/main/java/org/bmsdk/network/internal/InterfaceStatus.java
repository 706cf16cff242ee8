package org.bmsdk.network.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the link state of every port from the Cisco-shaped {@code show interface status} table
 * (IOS, EOS, NX-OS): a header line naming the columns, then one row per port, the port in its
 * short form ({@code Gi1/0/1}, {@code Et1}, {@code Eth1/1}). The status is the word under the
 * header's {@code Status}: {@code connected} is link; anything else ({@code notconnect},
 * {@code disabled}, {@code err-disabled}, {@code sfpAbsent} ...) is none. The name column may hold
 * blanks, so the status is found by the header's column rather than by counting words.
 */
final class InterfaceStatus {

    /** The command, which IOS and EOS also take in the abbreviation of their {@code interfaces}. */
    static final String COMMAND = "show interface status";

    /** Short forms to full interface type names, by dialect, as the running configuration spells them. */
    private static final Map<String, Map<String, String>> TYPES = Map.of(
            "cisco_ios", Map.of("Gi", "GigabitEthernet", "Te", "TenGigabitEthernet", "Fa", "FastEthernet", "Po", "Port-channel"),
            "arista_eos", Map.of("Et", "Ethernet", "Po", "Port-Channel", "Ma", "Management"),
            "cisco_nxos", Map.of("Eth", "Ethernet", "Po", "port-channel", "mgmt", "mgmt"));

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
            String port = line.substring(0, line.indexOf(' ') < 0 ? line.length() : line.indexOf(' '));
            String word = line.substring(status).strip().split("\\s+")[0];
            links.put(expand(types, port), word.equals("connected"));
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
