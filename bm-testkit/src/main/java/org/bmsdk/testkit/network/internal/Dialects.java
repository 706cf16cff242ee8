package org.bmsdk.testkit.network.internal;

import java.util.List;
import org.bmsdk.api.ConfigurationException;

/** The dialects the simulated switches speak, by netmiko device type. */
public final class Dialects {

    private static final List<Dialect> ALL = List.of(Dialect.CISCO_IOS, Dialect.ARISTA_EOS, Dialect.CISCO_NXOS,
            Dialect.JUNIPER_JUNOS, Dialect.DELL_OS10, Dialect.SONIC, Dialect.CUMULUS_NVUE);

    private Dialects() {
    }

    static Dialect byId(String id) {
        for (Dialect d : ALL) {
            if (d.id().equals(id)) {
                return d;
            }
        }
        throw new ConfigurationException("no simulated switch dialect '" + id + "'; known: "
                + ALL.stream().map(Dialect::id).toList());
    }

    /**
     * The default name of port {@code n} on a dialect.
     *
     * @param id the dialect
     * @param n 1 or more
     * @return such as {@code GigabitEthernet1/0/3}
     */
    public static String portName(String id, int n) {
        // SONiC numbers its ports by their first lane, four lanes a port.
        return id.equals(Dialect.SONIC.id()) ? "Ethernet" + 4 * (n - 1) : String.format(byId(id).portFormat(), n);
    }

    /**
     * Whether a dialect keeps ACLs as rules of match fields (Junos filter terms, NVUE rules, SONiC
     * ACL_RULEs) rather than as Cisco-like entries.
     *
     * @param id the dialect
     * @return true for Junos, SONiC and Cumulus NVUE
     */
    public static boolean aclsAsRules(String id) {
        return id.equals(Dialect.JUNIPER_JUNOS.id()) || id.equals(Dialect.SONIC.id()) || id.equals(Dialect.CUMULUS_NVUE.id());
    }

    /**
     * Prints a configuration as a dialect's {@code show running-config} does.
     *
     * @param id the dialect
     * @param model the configuration
     * @return the text
     */
    public static String runningConfig(String id, SwitchModel model) {
        return runningConfig(byId(id), model);
    }

    /** The running configuration as the dialect's own show command prints it. */
    static String runningConfig(Dialect d, SwitchModel model) {
        if (d == Dialect.JUNIPER_JUNOS) {
            return JunosConfig.displaySet(model, null);
        }
        if (d == Dialect.DELL_OS10) {
            return Os10Printer.runningConfig(model);
        }
        if (d == Dialect.SONIC) {
            return SonicInterpreter.vlanConfig(model) + "\n" + SonicInterpreter.interfacesStatus(model) + "\n"
                    + SonicInterpreter.portchannels(model) + "\n" + SonicAcls.showTables(model) + "\n" + SonicAcls.showRules(model)
                    + "\n" + SonicInterpreter.vxlanInterface(model) + "\n" + SonicInterpreter.vlanVniMap(model) + "\n";
        }
        if (d == Dialect.CUMULUS_NVUE) {
            return NvueInterpreter.commands(model) + "\n";
        }
        return new ConfigPrinter(d).runningConfig(model);
    }
}
