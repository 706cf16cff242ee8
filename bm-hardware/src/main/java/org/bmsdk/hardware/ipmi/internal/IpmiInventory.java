package org.bmsdk.hardware.ipmi.internal;

import java.util.Arrays;
import java.util.Locale;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.bmc.Inventory;
import org.bmsdk.api.model.HardwareInventory;

/**
 * The FRU inventory of FRU device 0 (Get FRU Inventory Area Info, Read FRU Data). IPMI FRU data
 * names the machine (manufacturer, product, serial numbers) rather than counting its CPUs, memory
 * and disks, so the inventory carries it as traits: {@code CUSTOM_FRU_MANUFACTURER_<name>} and
 * {@code CUSTOM_FRU_PRODUCT_<name>}; in-band inspection or Redfish fill in the rest.
 */
final class IpmiInventory implements Inventory {

    /** FRU images are small; a BMC claiming more is not believed. */
    static final int MAX_FRU_SIZE = 4096;
    private static final int CHUNK = 16;

    private final IpmiConnection connection;

    IpmiInventory(IpmiConnection connection) {
        this.connection = connection;
    }

    /**
     * Asks for FRU 0's size, for availability.
     *
     * @return null when the BMC has a FRU 0, else why not
     */
    static String whyMissing(IpmiConnection connection) {
        ErrorContext where = connection.context("inventory.probe");
        IpmiResponse r = connection.call(Commands.getFruAreaInfo(0), where);
        if (!r.ok()) {
            return "the BMC has no FRU inventory device 0 (" + CompletionCodes.describe(r.completionCode()) + ")";
        }
        if (r.data().length < 3 || Bytes.shortLe(r.data(), 0) == 0) {
            return "the BMC's FRU inventory device 0 is empty";
        }
        return null;
    }

    @Override
    public HardwareInventory inventory() {
        return connection.operation("inventory", where -> {
            FruData fru = IpmiConnection.decode(Commands.readFru(0, 0, 0), read(where), where, FruData::parse);
            HardwareInventory.Builder b = HardwareInventory.builder();
            trait(b, "CUSTOM_FRU_MANUFACTURER_", fru.productManufacturer().isEmpty() ? fru.boardManufacturer()
                    : fru.productManufacturer());
            trait(b, "CUSTOM_FRU_PRODUCT_", fru.productName().isEmpty() ? fru.boardProduct() : fru.productName());
            return b.build();
        });
    }

    private byte[] read(ErrorContext where) {
        byte[] info = connection.call(Commands.getFruAreaInfo(0), where).require(where, 3);
        int size = Math.min(Bytes.shortLe(info, 0), MAX_FRU_SIZE);
        boolean words = (info[2] & 0x01) != 0;
        byte[] image = new byte[size];
        int at = 0;
        while (at < size) {
            int want = Math.min(CHUNK, size - at);
            IpmiRequest req = words ? Commands.readFru(0, at / 2, (want + 1) / 2) : Commands.readFru(0, at, want);
            byte[] d = connection.call(req, where).require(where, 1);
            int got = Math.min(d.length - 1, words ? (d[0] & 0xFF) * 2 : d[0] & 0xFF);
            if (got <= 0) {
                break;
            }
            System.arraycopy(d, 1, image, at, Math.min(got, size - at));
            at += got;
        }
        return Arrays.copyOf(image, Math.min(at, size));
    }

    private static void trait(HardwareInventory.Builder b, String prefix, String value) {
        String v = value.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (!v.isEmpty()) {
            b.trait(prefix + v);
        }
    }
}
