package org.bmsdk.network.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a switch driver must know of a CLI dialect, as data: how to turn paging off, how to enter
 * and leave configuration mode, how to save, which output lines are errors (and which lines that
 * look like errors are only notices), and the prompt's shape. The commands that change VLANs and
 * ports are rendered by {@link CiscoStyleCommands}, shared by the Cisco-like dialects.
 *
 * @param id netmiko's device type
 * @param sessionSetup commands sent once after login, such as {@code terminal length 0}
 * @param configEnter the command that enters configuration mode
 * @param configExit the command that returns to privileged EXEC
 * @param save the command that saves the running configuration
 * @param errors output lines that say a command failed
 * @param notices lines that look like errors but are not (IOS's "% Access VLAN does not exist.
 *     Creating vlan N" reports that it did what was asked)
 * @param allowedLineLimit the longest VLAN list sent on one {@code allowed vlan} line; longer
 *     lists go on in {@code add} lines
 * @param model prompts, configuration mode and commit ({@link ConfigModel#CISCO} for the Cisco-like
 *     dialects); {@code configEnter} may be null for a CLI with no configuration mode, and
 *     {@code save} null for one whose commit is the save
 */
public record CliDialect(String id, List<String> sessionSetup, String configEnter, String configExit, String save,
        List<Pattern> errors, List<Pattern> notices, int allowedLineLimit, ConfigModel model) {

    /**
     * A Cisco-like dialect ({@link ConfigModel#CISCO}).
     *
     * @param id netmiko's device type
     * @param sessionSetup commands sent once after login
     * @param configEnter the command that enters configuration mode
     * @param configExit the command that leaves it
     * @param save the command that saves the running configuration
     * @param errors output lines that say a command failed
     * @param notices lines that look like errors but are not
     * @param allowedLineLimit the longest VLAN list on one line
     */
    public CliDialect(String id, List<String> sessionSetup, String configEnter, String configExit, String save,
            List<Pattern> errors, List<Pattern> notices, int allowedLineLimit) {
        this(id, sessionSetup, configEnter, configExit, save, errors, notices, allowedLineLimit, ConfigModel.CISCO);
    }

    /** Cisco IOS (Catalyst). Its errors start with {@code %} (the line before is the {@code ^} marker). */
    public static final CliDialect CISCO_IOS = new CliDialect("cisco_ios",
            List.of("terminal length 0", "terminal width 511"), "configure terminal", "end", "write memory",
            List.of(Pattern.compile("^%.*"), Pattern.compile("^Command rejected:.*"), Pattern.compile("^ERROR:.*")),
            List.of(Pattern.compile("^% Access VLAN does not exist\\. Creating vlan \\d+$")), 200);

    /** Arista EOS. Its errors start with {@code %} too, without a marker. */
    public static final CliDialect ARISTA_EOS = new CliDialect("arista_eos",
            List.of("terminal length 0", "terminal width 511"), "configure terminal", "end", "write memory",
            List.of(Pattern.compile("^%.*"), Pattern.compile("^! .*not allowed.*")), List.of(), 200);

    /**
     * Cisco NX-OS (Nexus). It saves with {@code copy running-config startup-config} (it has no
     * {@code write memory}); errors start with {@code %} or {@code ERROR:}.
     */
    public static final CliDialect CISCO_NXOS = new CliDialect("cisco_nxos",
            List.of("terminal length 0", "terminal width 511"), "configure terminal", "end",
            "copy running-config startup-config",
            List.of(Pattern.compile("^%.*"), Pattern.compile("^ERROR:.*"), Pattern.compile("^Error:.*")), List.of(), 200);

    /**
     * Dell EMC OS10: Cisco-like ({@code OS10#}, {@code OS10(config)#},
     * {@code OS10(conf-if-eth1/1/1)#}); VLANs are {@code interface vlan N}; saves with
     * {@code copy running-configuration startup-configuration} (netmiko's choice; {@code write
     * memory} works too); errors are {@code % Error: ...}.
     */
    public static final CliDialect DELL_OS10 = new CliDialect("dell_os10",
            List.of("terminal length 0"), "configure terminal", "end", "copy running-configuration startup-configuration",
            List.of(Pattern.compile("^% ?Error.*"), Pattern.compile("^%.*"), Pattern.compile("^Error:.*")), List.of(), 200);

    /**
     * Juniper Junos (ELS switches): {@code configure private}, {@code set}/{@code delete} lines,
     * {@code commit} (which is the save too), {@code exit configuration-mode}. Errors are
     * {@code error: ...}, {@code syntax error.}, {@code unknown command.} and range messages;
     * {@code warning: statement not found} (deleting what is not there) is not one.
     */
    public static final CliDialect JUNIPER_JUNOS = new CliDialect("juniper_junos",
            List.of("set cli screen-length 0", "set cli screen-width 511"), "configure private", "exit configuration-mode",
            null,
            List.of(Pattern.compile("^error:.*"), Pattern.compile("^syntax error.*"), Pattern.compile("^unknown command.*"),
                    Pattern.compile("^missing argument.*"), Pattern.compile("^invalid (?:value|interface|command).*"),
                    Pattern.compile("^[Vv]alue .* is not within range.*")),
            List.of(Pattern.compile("^warning:.*")), 200, ConfigModel.JUNOS);

    /**
     * SONiC with its click commands in a root shell, as networking-generic-switch's SONiC device
     * drives it: {@code sudo su} (the login password when sudo asks), {@code config vlan add N},
     * {@code config vlan member add [-u] N PORT}, {@code config interface shutdown|startup PORT},
     * {@code config save -y}. Errors are click's {@code Error: ...} lines.
     */
    public static final CliDialect SONIC = new CliDialect("sonic", List.of(), "sudo su", "exit", "config save -y",
            List.of(Pattern.compile("^Error:.*"), Pattern.compile("^Root privileges are required.*"),
                    Pattern.compile("^-?bash: .*")),
            List.of(), 200, ConfigModel.linuxShell(Pattern.compile("# ?$"), List.of(), null));

    /**
     * Cumulus Linux 5 with NVUE: {@code nv set}/{@code nv unset} stage changes in a pending revision,
     * {@code nv config apply -y} applies them (the commit), {@code nv config save} makes them the
     * startup configuration, {@code nv config detach} throws a failed revision away. Errors are
     * {@code Error: ...} lines.
     */
    public static final CliDialect CUMULUS_NVUE = new CliDialect("cumulus_nvue", List.of(), null, null, "nv config save",
            List.of(Pattern.compile("^Error:.*"), Pattern.compile("^-?bash: .*")),
            List.of(), 200, ConfigModel.linuxShell(Pattern.compile("(?!)"), List.of("nv config apply -y"), "nv config detach"));

    /** A host name as prompts show it. */
    static final String HOST = "[A-Za-z0-9][A-Za-z0-9._-]*";

    /**
     * The first error line in a command's output, if any.
     *
     * @param output the output, without the echoed command
     * @return the error line
     */
    public Optional<String> errorIn(String output) {
        for (String raw : output.split("\n")) {
            String line = raw.strip();
            if (notices.stream().anyMatch(p -> p.matcher(line).matches())) {
                continue;
            }
            if (errors.stream().anyMatch(p -> p.matcher(line).matches())) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }
}
