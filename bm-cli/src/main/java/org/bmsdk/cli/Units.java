package org.bmsdk.cli;

/** Sizes and speeds for people: SI units, as disk and NIC vendors write them. */
final class Units {

    private Units() {
    }

    static String bytes(long b) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        double v = b;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format("%.2f", v)) + units[u];
    }

    static String speed(long mbps) {
        return mbps >= 1000 && mbps % 1000 == 0 ? (mbps / 1000) + "G" : mbps + "M";
    }
}
