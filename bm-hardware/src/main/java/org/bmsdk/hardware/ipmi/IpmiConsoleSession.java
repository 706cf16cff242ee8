package org.bmsdk.hardware.ipmi;

import org.bmsdk.api.bmc.ConsoleSession;

/**
 * A Serial-over-LAN console session of the IPMI driver: a {@link ConsoleSession} that can also send
 * a serial BREAK (as ipmitool's {@code ~B}), for the kernel's magic SysRq keys or a boot loader.
 * What {@code bmc.require(SerialConsole.class).open()} returns for an IPMI endpoint implements it.
 */
public interface IpmiConsoleSession extends ConsoleSession {

    /**
     * Asks the BMC to hold the serial line in BREAK (about 300 ms). Best effort: SOL does not
     * acknowledge a break.
     */
    void sendBreak();
}
