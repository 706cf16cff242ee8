package org.bmsdk.testkit.ipmi.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.bmsdk.testkit.ipmi.IpmiSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;

/**
 * The FRU inventory image of FRU device 0 (Platform Management FRU Information Storage Definition
 * v1.0): a common header, a board info area and a product info area, naming the machine as the
 * Redfish simulator does (the same serial number for the same machine).
 */
public final class FruImage {

    private FruImage() {
    }

    /** @return the serial number both simulators report for a machine */
    public static String serial(SimulatedMachine machine) {
        return "SIM" + Integer.toHexString(machine.name().hashCode()).toUpperCase(Locale.ROOT);
    }

    /**
     * Builds the image.
     *
     * @param spec the BMC's spec (manufacturer and product)
     * @param machine the machine (name, serial)
     * @return the bytes
     */
    public static byte[] of(IpmiSpec spec, SimulatedMachine machine) {
        String serial = serial(machine);
        byte[] board = area(new byte[] {0x01, 0x00, 0x00, 0x00, 0x00, 0x00}, spec.vendor(), spec.product() + " Board",
                "BRD" + serial.substring(3), "SIM-MB-1", "");
        byte[] product = area(new byte[] {0x01, 0x00, 0x00}, spec.vendor(), spec.product(), "SIM-1000", "1.0", serial,
                machine.name(), "");
        byte[] header = new byte[8];
        header[0] = 0x01;
        header[3] = 1; // board area at 8 bytes
        header[4] = (byte) (1 + board.length / 8);
        header[7] = Wire.checksum(header, 0, 7);
        byte[] image = new byte[8 + board.length + product.length];
        System.arraycopy(header, 0, image, 0, 8);
        System.arraycopy(board, 0, image, 8, board.length);
        System.arraycopy(product, 0, image, 8 + board.length, product.length);
        return image;
    }

    /**
     * An info area: fixed bytes (version, length placeholder, language, [manufacturing date]),
     * 8-bit ASCII type/length fields, C1h, zero padding to 8 bytes and the checksum.
     */
    private static byte[] area(byte[] fixed, String... fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(fixed);
        for (String f : fields) {
            byte[] b = f.getBytes(StandardCharsets.ISO_8859_1);
            int n = Math.min(b.length, 63);
            out.write(0xC0 | n);
            out.write(b, 0, n);
        }
        out.write(0xC1);
        while ((out.size() + 1) % 8 != 0) {
            out.write(0);
        }
        out.write(0);
        byte[] a = out.toByteArray();
        a[1] = (byte) (a.length / 8);
        a[a.length - 1] = Wire.checksum(a, 0, a.length - 1);
        return a;
    }
}
