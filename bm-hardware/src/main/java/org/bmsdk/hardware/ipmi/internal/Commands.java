package org.bmsdk.hardware.ipmi.internal;

/** The IPMI requests the driver sends in a session (numbers from the IPMI v2.0 command table, appendix G). */
final class Commands {

    /** Chassis Control actions (IPMI v2.0 table 28-4). */
    enum ChassisAction {
        POWER_DOWN(0x00, "power down"),
        POWER_UP(0x01, "power up"),
        POWER_CYCLE(0x02, "power cycle"),
        HARD_RESET(0x03, "hard reset"),
        PULSE_DIAGNOSTIC_INTERRUPT(0x04, "pulse diagnostic interrupt"),
        SOFT_SHUTDOWN(0x05, "soft shutdown via ACPI");

        final int code;
        final String text;

        ChassisAction(int code, String text) {
            this.code = code;
            this.text = text;
        }
    }

    private Commands() {
    }

    static IpmiRequest getDeviceId() {
        return IpmiRequest.of("Get Device ID", IpmiRequest.APP, 0x01);
    }

    static IpmiRequest getChassisStatus() {
        return IpmiRequest.of("Get Chassis Status", IpmiRequest.CHASSIS, 0x01);
    }

    static IpmiRequest chassisControl(ChassisAction action) {
        return IpmiRequest.of("Chassis Control (" + action.text + ")", IpmiRequest.CHASSIS, 0x02, action.code);
    }

    /** Set System Boot Options; bit 7 of the first byte left clear marks the parameter valid. */
    static IpmiRequest setBootOption(int parameter, byte[] data) {
        return new IpmiRequest("Set System Boot Options (parameter " + parameter + ")", IpmiRequest.CHASSIS, 0x08,
                Bytes.concat(new byte[] {(byte) parameter}, data));
    }

    static IpmiRequest getBootOption(int parameter) {
        return IpmiRequest.of("Get System Boot Options (parameter " + parameter + ")", IpmiRequest.CHASSIS, 0x09, parameter, 0, 0);
    }

    static IpmiRequest getSelInfo() {
        return IpmiRequest.of("Get SEL Info", IpmiRequest.STORAGE, 0x40);
    }

    static IpmiRequest reserveSel() {
        return IpmiRequest.of("Reserve SEL", IpmiRequest.STORAGE, 0x42);
    }

    /** Get SEL Entry, the whole record (offset 0, FFh bytes). */
    static IpmiRequest getSelEntry(int reservation, int recordId) {
        return IpmiRequest.of("Get SEL Entry", IpmiRequest.STORAGE, 0x43, reservation, reservation >>> 8, recordId, recordId >>> 8,
                0x00, 0xFF);
    }

    /** Clear SEL: AAh starts the erasure, 00h asks how far it got. */
    static IpmiRequest clearSel(int reservation, boolean initiate) {
        return IpmiRequest.of("Clear SEL", IpmiRequest.STORAGE, 0x47, reservation, reservation >>> 8, 'C', 'L', 'R',
                initiate ? 0xAA : 0x00);
    }

    static IpmiRequest getFruAreaInfo(int fruId) {
        return IpmiRequest.of("Get FRU Inventory Area Info", IpmiRequest.STORAGE, 0x10, fruId);
    }

    static IpmiRequest readFru(int fruId, int offset, int count) {
        return IpmiRequest.of("Read FRU Data", IpmiRequest.STORAGE, 0x11, fruId, offset, offset >>> 8, count);
    }
}
