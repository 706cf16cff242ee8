package org.bmsdk.hardware.ipmi.internal;

/**
 * The answer to Get Device ID (IPMI v2.0 section 20.1).
 *
 * @param deviceId the device id
 * @param firmware the firmware revision, such as {@code 9.08}
 * @param ipmiVersion such as {@code 2.0}
 * @param support the additional device support bits
 * @param manufacturer the IANA enterprise number of the manufacturer
 * @param product the product id
 */
record DeviceId(int deviceId, String firmware, String ipmiVersion, int support, int manufacturer, int product) {

    static DeviceId decode(byte[] d) throws MalformedPacketException {
        PacketReader r = new PacketReader(d);
        int id = r.u8("device id");
        r.skip(1, "device revision");
        int major = r.u8("firmware major") & 0x7F;
        int minor = r.u8("firmware minor");
        int version = r.u8("IPMI version");
        int support = r.u8("additional device support");
        int mfg = 0;
        int product = 0;
        if (r.remaining() >= 5) {
            mfg = r.u8("manufacturer") | r.u8("manufacturer") << 8 | (r.u8("manufacturer") & 0x0F) << 16;
            product = r.u16("product");
        }
        return new DeviceId(id, major + "." + String.format("%02x", minor), (version & 0x0F) + "." + (version >>> 4), support, mfg,
                product);
    }

    boolean hasSel() {
        return (support & 0x04) != 0;
    }

    boolean hasFru() {
        return (support & 0x08) != 0;
    }
}
