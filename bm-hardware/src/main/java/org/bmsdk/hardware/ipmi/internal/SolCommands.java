package org.bmsdk.hardware.ipmi.internal;

/**
 * The payload commands of Serial-over-LAN (IPMI v2.0 section 24), for payload type 01h instance 1,
 * and what their answers mean.
 */
final class SolCommands {

    /** Activate Payload: the payload is active in another session (or this one). */
    static final int ALREADY_ACTIVE = 0x80;
    /** Activate Payload: the payload type is disabled (pyghmi and VirtualBMC also answer so while the machine is off). */
    static final int DISABLED = 0x81;
    /** Activate Payload: the BMC's limit of active payloads is reached. */
    static final int LIMIT_REACHED = 0x82;
    /** Any command: not supported by this BMC. */
    static final int INVALID_COMMAND = 0xC1;
    /** Deactivate Payload: already deactivated. */
    static final int ALREADY_DEACTIVATED = 0x80;

    /** Auxiliary data byte 1 of Activate Payload: encrypt the payload. */
    static final int ENCRYPT = 0x80;
    /** Auxiliary data byte 1 of Activate Payload: authenticate the payload. */
    static final int AUTHENTICATE = 0x40;

    private static final int SOL = RmcpFrame.SOL;
    private static final int INSTANCE = 1;
    /** Channel number meaning "the channel this request arrives on". */
    private static final int THIS_CHANNEL = 0x0E;

    private SolCommands() {
    }

    static IpmiRequest activate(int auxiliary) {
        return IpmiRequest.of("Activate Payload (SOL)", IpmiRequest.APP, 0x48, SOL, INSTANCE, auxiliary, 0, 0, 0);
    }

    static IpmiRequest deactivate() {
        return IpmiRequest.of("Deactivate Payload (SOL)", IpmiRequest.APP, 0x49, SOL, INSTANCE, 0, 0, 0, 0);
    }

    static IpmiRequest activationStatus() {
        return IpmiRequest.of("Get Payload Activation Status (SOL)", IpmiRequest.APP, 0x4A, SOL);
    }

    static IpmiRequest instanceInfo() {
        return IpmiRequest.of("Get Payload Instance Info (SOL)", IpmiRequest.APP, 0x4B, SOL, INSTANCE);
    }

    /** Get Channel Info for the channel of the session: its first data byte is the channel's number. */
    static IpmiRequest channelInfo() {
        return IpmiRequest.of("Get Channel Info", IpmiRequest.APP, 0x42, THIS_CHANNEL);
    }

    /**
     * Get Channel Payload Support, for a channel by its number: ipmi_sim 2.0.33 crashes when
     * asked about channel 0Eh ("this channel"), so the number comes from Get Channel Info.
     */
    static IpmiRequest channelPayloadSupport(int channel) {
        return IpmiRequest.of("Get Channel Payload Support", IpmiRequest.APP, 0x4E, channel & 0x0F);
    }

    /**
     * What Activate Payload answered (after the completion code): auxiliary data, the payload
     * sizes the BMC takes and sends, and the UDP port of the payload.
     *
     * @param inboundSize the largest payload the BMC takes from us
     * @param outboundSize the largest payload the BMC sends
     * @param port the UDP port the BMC names for the payload
     */
    record Activation(int inboundSize, int outboundSize, int port) {

        static Activation decode(byte[] data) throws MalformedPacketException {
            if (data.length < 10) {
                throw new MalformedPacketException(DropReason.TRUNCATED, "Activate Payload answer of " + data.length + " bytes");
            }
            return new Activation(Bytes.shortLe(data, 4), Bytes.shortLe(data, 6), Bytes.shortLe(data, 8));
        }

        /**
         * The most characters to put in one packet: the BMC's inbound size less the SOL header,
         * at most 255. Sizes too small to be meant (pyghmi announces 1) give a default of 64; a
         * BMC that takes less says so with a partial ACK, which the stream handles.
         */
        int chunk() {
            return inboundSize < 8 ? 64 : Math.min(inboundSize - SolPacket.HEADER, SolPacket.MAX_DATA);
        }
    }
}
