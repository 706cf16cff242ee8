package org.bmsdk.hardware.ipmi.internal;

import org.bmsdk.api.bmc.ConsoleSession;
import org.bmsdk.api.bmc.SerialConsole;

/**
 * The machine's serial console over IPMI Serial-over-LAN. Every {@link #open()} of the BMC's clients
 * in this process shares the BMC's one SOL payload; each sees the console's output from its opening
 * on.
 */
final class IpmiSerialConsole implements SerialConsole {

    private final IpmiConnection connection;
    private final SharedSession shared;

    IpmiSerialConsole(IpmiConnection connection, SharedSession shared) {
        this.connection = connection;
        this.shared = shared;
    }

    /**
     * Opens a console session, activating SOL when no session of this process has it open.
     *
     * @throws org.bmsdk.api.ConflictException when another session holds SOL on the BMC
     * @throws org.bmsdk.api.UnsupportedCapabilityException when the BMC refuses SOL (not offered, or not while off)
     */
    @Override
    public ConsoleSession open() {
        return connection.operation("console.open", where -> {
            connection.call(Commands.getDeviceId(), where); // fails when the client is closed, before any SOL traffic
            return shared.console().open();
        });
    }

    /**
     * Why SOL is missing, from the channel and payload commands: null when it seems offered. A BMC that answers
     * Get Channel Payload Support but not Get Payload Activation Status has no SOL payload (ipmi_sim
     * without a console); one that answers neither (pyghmi) may still activate it, so that is left
     * to {@link #open()}.
     */
    static String whyMissing(IpmiConnection connection) {
        IpmiResponse info = connection.call(SolCommands.channelInfo(), connection.context("console.probe"));
        if (!info.ok() || info.data().length < 1) {
            return null; // a BMC that does not say (pyghmi): activation will tell
        }
        IpmiResponse support = connection.call(SolCommands.channelPayloadSupport(info.data()[0]), connection.context("console.probe"));
        if (support.ok() && support.data().length >= 1 && (support.data()[0] & 0x02) == 0) {
            return "the BMC's LAN channel carries no SOL payload";
        }
        IpmiResponse status = connection.call(SolCommands.activationStatus(), connection.context("console.probe"));
        if (status.ok() && status.data().length >= 1 && (status.data()[0] & 0x0F) == 0) {
            return "the BMC has no SOL payload instance";
        }
        if (support.ok() && status.completionCode() == SolCommands.INVALID_COMMAND) {
            return "the BMC has no Serial-over-LAN (Get Payload Activation Status: " + CompletionCodes.describe(status.completionCode())
                    + ")";
        }
        return null;
    }
}
