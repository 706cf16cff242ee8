package org.bmsdk.testkit.console;

/**
 * Which vendor's SSH CLI a {@link SimulatedVendorConsole} imitates.
 */
public enum VendorConsoleFlavor {
    /**
     * Dell iDRAC 9: the login lands at {@code racadm>>}; {@code console com2} connects the host's
     * serial console and {@code Ctrl-\} (0x1c) leaves it.
     */
    IDRAC("idrac"),
    /**
     * HPE iLO 5: the login lands at {@code </>hpiLO->}; {@code vsp} starts the Virtual Serial Port
     * and {@code ESC (} leaves it.
     */
    ILO("ilo");

    private final String id;

    VendorConsoleFlavor(String id) {
        this.id = id;
    }

    /** @return the name endpoints use, {@code ssh+ID://host:port} */
    public String id() {
        return id;
    }
}
