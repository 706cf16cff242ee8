package org.bmsdk.hardware.ipmi.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the cipher suite records of Get Channel Cipher Suites (IPMI v2.0 section 22.15): each
 * starts with C0h and the suite id (standard) or C1h, the id and a 3-byte IANA number (OEM), then
 * its algorithm bytes, tagged 00b, 01b or 10b in their top bits.
 */
final class CipherSuiteRecords {

    private CipherSuiteRecords() {
    }

    /**
     * The ids of the standard suites listed; OEM suites are skipped.
     *
     * @param records the concatenated record data
     * @return the ids in the order listed
     */
    static List<Integer> ids(byte[] records) {
        List<Integer> ids = new ArrayList<>();
        int i = 0;
        while (i < records.length) {
            int b = records[i] & 0xFF;
            if ((b == 0xC0 || b == 0xC1) && i + 1 < records.length) {
                if (b == 0xC0) {
                    ids.add(records[i + 1] & 0xFF);
                }
                i += b == 0xC0 ? 2 : 5;
                // algorithm bytes follow until the next record start
                while (i < records.length && (records[i] & 0xC0) != 0xC0) {
                    i++;
                }
            } else {
                i++;
            }
        }
        return ids;
    }
}
