package org.bmsdk.hardware.ipmi.internal;

import java.util.Objects;

/**
 * An IPMI command to send in a session.
 *
 * @param name the command's name in the specification, for messages ("Get Chassis Status")
 * @param netFn the request network function
 * @param command the command number
 * @param data the request data
 */
public record IpmiRequest(String name, int netFn, int command, byte[] data) {

    /** IPMI network functions (requests). */
    static final int CHASSIS = 0x00;
    static final int APP = 0x06;
    static final int STORAGE = 0x0A;

    /** Validates the components and copies the data. */
    public IpmiRequest {
        Objects.requireNonNull(name, "name");
        data = data.clone();
    }

    static IpmiRequest of(String name, int netFn, int command, int... data) {
        return new IpmiRequest(name, netFn, command, Bytes.of(data));
    }

    @Override
    public String toString() {
        return name + " (netFn " + Bytes.hex8(netFn) + ", cmd " + Bytes.hex8(command) + ")";
    }
}
