package org.bmsdk.testkit.network.internal;

import static org.bmsdk.testkit.network.internal.CliMode.CONFIG;
import static org.bmsdk.testkit.network.internal.CliMode.CONFIG_IF;
import static org.bmsdk.testkit.network.internal.CliMode.CONFIG_VLAN;
import static org.bmsdk.testkit.network.internal.CliMode.EXEC;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bmsdk.testkit.network.internal.Grammar.Syntax;

/**
 * What a simulated switch's CLI says, as data: its prompts, interface names, error messages, the
 * command table, and how its configuration is printed ({@link ConfigPrinter}). IOS and EOS differ
 * in these only; the code that runs the commands ({@link CliInterpreter}) is shared. A new
 * Cisco-like dialect (NX-OS, Dell OS10) is one more instance of this record.
 *
 * @param id netmiko's device type, such as {@code cisco_ios}
 * @param prompts the prompt of each mode: {@code {h}} is the host name, {@code {if}} the short name
 *     of the interface and {@code {vlan}} the VLAN being configured; {@code >} for user EXEC is
 *     derived from the EXEC one
 * @param interfaceTypes full interface type names and their short forms, such as
 *     {@code GigabitEthernet -> Gi}
 * @param portFormat how the default ports are named, {@code %d} being 1..n
 * @param invalidInputCaret whether an invalid word is pointed at with a {@code ^} line, as IOS does
 * @param invalidInput the invalid-input error line
 * @param incomplete the incomplete-command error line
 * @param ambiguous the ambiguous-command error line, {@code %s} being the line
 * @param noDefaultVlan the error for deleting VLAN 1
 * @param reservedVlans VLANs that exist and cannot be renamed or deleted (IOS's 1002-1005)
 * @param reservedVlanName the error for renaming or deleting one of them, {@code %d} being the VLAN
 * @param accessVlanCreated the notice when an access VLAN that does not exist is created on the
 *     fly, {@code %d} being the VLAN, or null when the dialect accepts it silently
 * @param saveOutput what saving the configuration prints
 * @param indent how lines inside a block of the running configuration are indented
 * @param allowedWrap the longest {@code switchport trunk allowed vlan} line before the list goes
 *     on in {@code ... add} lines (IOS), or 0 for one line however long (EOS)
 * @param header the first lines of {@code show running-config}, {@code {h}} the host name
 * @param separator the line between blocks of the running configuration ({@code !}, or empty)
 * @param vlanSummary whether the running configuration lists every VLAN on one {@code vlan 1,10,20}
 *     line before the blocks of the named ones (NX-OS)
 * @param trailer the last lines of the running configuration ({@code end} on IOS and EOS)
 * @param grammar the command table
 */
record Dialect(String id, Map<CliMode, String> prompts, Map<String, String> interfaceTypes, String portFormat,
        boolean invalidInputCaret, String invalidInput, String incomplete, String ambiguous, String noDefaultVlan,
        Set<Integer> reservedVlans, String reservedVlanName, String accessVlanCreated, String saveOutput, String indent,
        int allowedWrap, List<String> header, String separator, boolean vlanSummary, List<String> trailer,
        Grammar grammar) {

    static final Dialect CISCO_IOS = new Dialect("cisco_ios",
            Map.of(EXEC, "{h}#", CONFIG, "{h}(config)#", CONFIG_IF, "{h}(config-if)#", CONFIG_VLAN, "{h}(config-vlan)#"),
            Map.of("GigabitEthernet", "Gi", "TenGigabitEthernet", "Te", "FastEthernet", "Fa", "Port-channel", "Po"),
            "GigabitEthernet1/0/%d",
            true, "% Invalid input detected at '^' marker.", "% Incomplete command.", "%% Ambiguous command:  \"%s\"",
            "% Default VLAN 1 may not be deleted.", Set.of(1002, 1003, 1004, 1005),
            "%%Default VLAN %d may not have its name changed.",
            "%% Access VLAN does not exist. Creating vlan %d",
            "Building configuration...\n[OK]", " ", 78,
            List.of("Building configuration...", "", "Current configuration : {bytes} bytes", "!",
                    "version 15.2", "service timestamps debug datetime msec", "no service password-encryption", "!",
                    "hostname {h}", "!", "vtp mode transparent", "!"),
            "!", false, List.of("end"),
            new Grammar(ciscoLike(false, true)));

    static final Dialect ARISTA_EOS = new Dialect("arista_eos",
            Map.of(EXEC, "{h}#", CONFIG, "{h}(config)#", CONFIG_IF, "{h}(config-if-{if})#",
                    CONFIG_VLAN, "{h}(config-vlan-{vlan})#"),
            Map.of("Ethernet", "Et", "Port-Channel", "Po", "Management", "Ma"),
            "Ethernet%d",
            false, "% Invalid input", "% Incomplete command", "% Ambiguous command", "% Default VLAN 1 cannot be deleted",
            Set.of(), "", null, "Copy completed successfully.", "   ", 0,
            List.of("! Command: show running-config", "! device: {h} (vEOS-lab, EOS-4.30.0F)", "!",
                    "transceiver qsfp default-mode 4x10G", "!", "hostname {h}", "!",
                    "spanning-tree mode mstp", "!"),
            "!", false, List.of("end"),
            new Grammar(ciscoLike(true, true)));

    /**
     * Cisco NX-OS (Nexus). Its prompts end in a blank; its errors point with {@code ^} too; it has
     * no {@code write memory}; its configuration is indented by two and separated by blank lines.
     * Its error texts are modelled on the documented ones, not captured from a device.
     */
    static final Dialect CISCO_NXOS = new Dialect("cisco_nxos",
            Map.of(EXEC, "{h}# ", CONFIG, "{h}(config)# ", CONFIG_IF, "{h}(config-if)# ", CONFIG_VLAN, "{h}(config-vlan)# "),
            Map.of("Ethernet", "Eth", "port-channel", "Po", "mgmt", "mgmt"),
            "Ethernet1/%d",
            true, "% Invalid command at '^' marker.", "% Incomplete command at '^' marker.",
            "% Ambiguous command at '^' marker.", "ERROR: Cannot delete the default VLAN 1", Set.of(), "", null,
            "[########################################] 100%\nCopy complete, now saving to disk (please wait)...\nCopy complete.",
            "  ", 0,
            List.of("!Command: show running-config", "!Running configuration last done at: Thu Nov 26 09:00:00 2026",
                    "", "version 9.3(8) Bios:version", "hostname {h}", "", "feature lacp", ""),
            "", true, List.of(),
            new Grammar(ciscoLike(false, false)));

    /**
     * Juniper Junos (ELS). Its CLI is not Cisco-shaped: {@link JunosInterpreter} runs it and
     * {@link JunosConfig} prints it, so of this record only the id, the interface names and the
     * error lines are used.
     */
    static final Dialect JUNIPER_JUNOS = new Dialect("juniper_junos",
            Map.of(EXEC, "{h}> ", CONFIG, "{h}# "), Map.of("ge-", "ge-", "xe-", "xe-", "et-", "et-"), "ge-0/0/%d",
            true, "syntax error.", "missing argument.", "syntax error.", "", Set.of(), "", null, "commit complete",
            "    ", 0, List.of(), "", false, List.of(), new Grammar(List.of()));

    /** SONiC's click commands in bash ({@link SonicInterpreter}); only the id and port names are used. */
    static final Dialect SONIC = new Dialect("sonic", Map.of(EXEC, "{h}:~$ "), Map.of("Ethernet", "Ethernet"), "Ethernet%d",
            false, "Error: No such command", "", "", "", Set.of(), "", null, "", "", 0, List.of(), "", false, List.of(),
            new Grammar(List.of()));

    /** Cumulus NVUE in bash ({@link NvueInterpreter}); only the id and port names are used. */
    static final Dialect CUMULUS_NVUE = new Dialect("cumulus_nvue", Map.of(EXEC, "{h}:mgmt:~$ "), Map.of("swp", "swp"), "swp%d",
            false, "Error: Invalid Command", "", "", "", Set.of(), "", null, "", "", 0, List.of(), "", false, List.of(),
            new Grammar(List.of()));

    /**
     * Dell EMC OS10: Cisco-like, but VLANs are {@code interface vlan N} named by their
     * {@code description}, a trunk's {@code switchport trunk allowed vlan} adds to its list (and
     * {@code no ...} removes), the access VLAN is the untagged one in trunk mode too, errors are
     * {@code % Error: ...} without a caret, and its configuration is printed by {@link Os10Printer}.
     * Modelled on the OS10 user guide, not captured from a device.
     */
    static final Dialect DELL_OS10 = new Dialect("dell_os10",
            Map.of(EXEC, "{h}# ", CONFIG, "{h}(config)# ", CONFIG_IF, "{h}(conf-if-{if})# ", CONFIG_VLAN, "{h}(conf-if-vl-{vlan})# "),
            Map.of("ethernet", "eth", "port-channel", "po", "mgmt", "ma"), "ethernet1/1/%d",
            false, "% Error: Unrecognized command.", "% Error: Incomplete command.", "% Error: Ambiguous command.",
            "% Error: Default VLAN cannot be deleted.", Set.of(), "", null, "", " ", 0, List.of(), "!", false, List.of(),
            new Grammar(os10()));

    private static List<Syntax> os10() {
        List<Syntax> t = new ArrayList<>();
        exec(t, "terminal length <num>", Action.TERMINAL_LENGTH);
        exec(t, "configure terminal", Action.CONFIGURE);
        exec(t, "show running-configuration", Action.SHOW_RUN);
        exec(t, "show running-configuration interface <iface>", Action.SHOW_RUN_IF);
        exec(t, "show startup-configuration", Action.SHOW_STARTUP);
        exec(t, "show vlan", Action.SHOW_VLAN);
        exec(t, "show interface status", Action.SHOW_IF_STATUS);
        exec(t, "write memory", Action.SAVE);
        exec(t, "copy running-configuration startup-configuration", Action.SAVE);
        exec(t, "exit", Action.LOGOUT);

        t.add(Syntax.of(CONFIG, "end", Action.END));
        t.add(Syntax.of(CONFIG, "exit", Action.EXIT_MODE));
        t.add(Syntax.of(CONFIG, "hostname <word>", Action.HOSTNAME));
        t.add(Syntax.of(CONFIG, "interface vlan <vlan>", Action.VLAN));
        t.add(Syntax.of(CONFIG, "no interface vlan <vlan>", Action.NO_VLAN));
        t.add(Syntax.of(CONFIG, "interface <iface>", Action.INTERFACE));

        t.add(Syntax.of(CONFIG_VLAN, "exit", Action.EXIT_MODE));
        t.add(Syntax.of(CONFIG_VLAN, "description <word>", Action.VLAN_NAME));
        t.add(Syntax.of(CONFIG_VLAN, "no description", Action.NO_VLAN_NAME));
        t.add(Syntax.of(CONFIG_VLAN, "shutdown", Action.NOTHING));
        t.add(Syntax.of(CONFIG_VLAN, "no shutdown", Action.NOTHING));

        t.add(Syntax.of(CONFIG_IF, "exit", Action.EXIT_MODE));
        t.add(Syntax.of(CONFIG_IF, "description <rest>", Action.DESCRIPTION));
        t.add(Syntax.of(CONFIG_IF, "no description", Action.NO_DESCRIPTION));
        t.add(Syntax.of(CONFIG_IF, "shutdown", Action.SHUTDOWN));
        t.add(Syntax.of(CONFIG_IF, "no shutdown", Action.NO_SHUTDOWN));
        t.add(Syntax.of(CONFIG_IF, "switchport mode access", Action.MODE_ACCESS_CLEAR));
        t.add(Syntax.of(CONFIG_IF, "switchport mode trunk", Action.MODE_TRUNK_NO_VLANS));
        t.add(Syntax.of(CONFIG_IF, "no switchport mode", Action.MODE_ACCESS_CLEAR));
        t.add(Syntax.of(CONFIG_IF, "switchport access vlan <vlan>", Action.UNTAGGED_VLAN));
        t.add(Syntax.of(CONFIG_IF, "no switchport access vlan", Action.NO_UNTAGGED_VLAN));
        t.add(Syntax.of(CONFIG_IF, "switchport trunk allowed vlan <vlans>", Action.ALLOWED_ADD));
        t.add(Syntax.of(CONFIG_IF, "no switchport trunk allowed vlan <vlans>", Action.ALLOWED_REMOVE));
        return t;
    }

    /**
     * The command table the Cisco-like dialects share.
     *
     * @param bareConfigure whether {@code configure} alone enters configuration mode (EOS)
     * @param writeMemory whether {@code write memory} saves (IOS and EOS; NX-OS only copies)
     */
    private static List<Syntax> ciscoLike(boolean bareConfigure, boolean writeMemory) {
        List<Syntax> t = new ArrayList<>();
        exec(t, "enable", Action.ENABLE);
        exec(t, "disable", Action.DISABLE);
        exec(t, "terminal length <num>", Action.TERMINAL_LENGTH);
        exec(t, "terminal width <num>", Action.NOTHING);
        exec(t, "configure terminal", Action.CONFIGURE);
        if (bareConfigure) {
            exec(t, "configure", Action.CONFIGURE);
        }
        exec(t, "show running-config", Action.SHOW_RUN);
        exec(t, "show running-config interface <iface>", Action.SHOW_RUN_IF);
        exec(t, "show startup-config", Action.SHOW_STARTUP);
        exec(t, "show vlan", Action.SHOW_VLAN);
        exec(t, "show vlan brief", Action.SHOW_VLAN);
        exec(t, "show interfaces <iface> switchport", Action.SHOW_IF_SWITCHPORT);
        exec(t, "show interfaces status", Action.SHOW_IF_STATUS);
        if (writeMemory) {
            exec(t, "write memory", Action.SAVE);
            exec(t, "write", Action.SAVE);
        }
        exec(t, "copy running-config startup-config", Action.SAVE);
        exec(t, "exit", Action.LOGOUT);
        exec(t, "logout", Action.LOGOUT);

        t.add(Syntax.of(CONFIG, "end", Action.END));
        t.add(Syntax.of(CONFIG, "exit", Action.EXIT_MODE));
        t.add(Syntax.of(CONFIG, "hostname <word>", Action.HOSTNAME));
        t.add(Syntax.of(CONFIG, "vlan <vlan>", Action.VLAN));
        t.add(Syntax.of(CONFIG, "no vlan <vlan>", Action.NO_VLAN));
        t.add(Syntax.of(CONFIG, "interface <iface>", Action.INTERFACE));

        t.add(Syntax.of(CONFIG_VLAN, "exit", Action.EXIT_MODE));
        t.add(Syntax.of(CONFIG_VLAN, "name <word>", Action.VLAN_NAME));
        t.add(Syntax.of(CONFIG_VLAN, "no name", Action.NO_VLAN_NAME));

        t.add(Syntax.of(CONFIG_IF, "exit", Action.EXIT_MODE));
        t.add(Syntax.of(CONFIG_IF, "description <rest>", Action.DESCRIPTION));
        t.add(Syntax.of(CONFIG_IF, "no description", Action.NO_DESCRIPTION));
        t.add(Syntax.of(CONFIG_IF, "shutdown", Action.SHUTDOWN));
        t.add(Syntax.of(CONFIG_IF, "no shutdown", Action.NO_SHUTDOWN));
        t.add(Syntax.of(CONFIG_IF, "switchport", Action.NOTHING));
        t.add(Syntax.of(CONFIG_IF, "switchport mode access", Action.MODE_ACCESS));
        t.add(Syntax.of(CONFIG_IF, "switchport mode trunk", Action.MODE_TRUNK));
        t.add(Syntax.of(CONFIG_IF, "no switchport mode", Action.NO_MODE));
        t.add(Syntax.of(CONFIG_IF, "no switchport mode <rest>", Action.NO_MODE));
        t.add(Syntax.of(CONFIG_IF, "switchport access vlan <vlan>", Action.ACCESS_VLAN));
        t.add(Syntax.of(CONFIG_IF, "no switchport access vlan", Action.NO_ACCESS_VLAN));
        t.add(Syntax.of(CONFIG_IF, "no switchport access vlan <vlan>", Action.NO_ACCESS_VLAN));
        t.add(Syntax.of(CONFIG_IF, "switchport trunk native vlan <vlan>", Action.NATIVE_VLAN));
        t.add(Syntax.of(CONFIG_IF, "no switchport trunk native vlan", Action.NO_NATIVE_VLAN));
        t.add(Syntax.of(CONFIG_IF, "no switchport trunk native vlan <vlan>", Action.NO_NATIVE_VLAN));
        t.add(Syntax.of(CONFIG_IF, "switchport trunk allowed vlan <vlans>", Action.ALLOWED_SET));
        t.add(Syntax.of(CONFIG_IF, "switchport trunk allowed vlan add <vlans>", Action.ALLOWED_ADD));
        t.add(Syntax.of(CONFIG_IF, "switchport trunk allowed vlan remove <vlans>", Action.ALLOWED_REMOVE));
        t.add(Syntax.of(CONFIG_IF, "switchport trunk allowed vlan none", Action.ALLOWED_NONE));
        t.add(Syntax.of(CONFIG_IF, "switchport trunk allowed vlan all", Action.ALLOWED_ALL));
        t.add(Syntax.of(CONFIG_IF, "no switchport trunk allowed vlan", Action.ALLOWED_ALL));
        return t;
    }

    private static void exec(List<Syntax> t, String pattern, Action action) {
        t.add(Syntax.of(EXEC, pattern, action));
    }

    /**
     * The short form of an interface name, as prompts and {@code show vlan} print it.
     *
     * @param port a full name such as {@code GigabitEthernet1/0/1}
     * @return such as {@code Gi1/0/1}
     */
    String shortName(String port) {
        for (Map.Entry<String, String> e : interfaceTypes.entrySet()) {
            if (port.startsWith(e.getKey()) && port.length() > e.getKey().length()
                    && Character.isDigit(port.charAt(e.getKey().length()))) {
                return e.getValue() + port.substring(e.getKey().length());
            }
        }
        return port;
    }

    /**
     * Expands an interface word as typed ({@code gi1/0/1}, {@code Et1}, {@code ethernet 1} joined)
     * to the full name, whether or not the switch has such a port.
     *
     * @param word the word
     * @return the full name, or null when its type is unknown or ambiguous
     */
    String expandInterface(String word) {
        int digit = 0;
        while (digit < word.length() && !Character.isDigit(word.charAt(digit))) {
            digit++;
        }
        if (digit == 0 || digit == word.length()) {
            return null;
        }
        String type = word.substring(0, digit).toLowerCase(java.util.Locale.ROOT);
        String found = null;
        for (String full : interfaceTypes.keySet()) {
            if (full.toLowerCase(java.util.Locale.ROOT).startsWith(type)) {
                if (found != null) {
                    return null;
                }
                found = full;
            }
        }
        return found == null ? null : found + word.substring(digit);
    }
}
