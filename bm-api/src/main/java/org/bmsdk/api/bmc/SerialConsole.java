package org.bmsdk.api.bmc;

/** The machine's serial console, over IPMI Serial-over-LAN or a vendor's SSH console. */
public interface SerialConsole extends BmcCapability {

    /**
     * Opens the console; several readers may be open at once, each seeing the same output.
     *
     * @return the session
     */
    ConsoleSession open();
}
