package org.bmsdk.testkit.ramdisk.internal;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as coreutils reads them: {@code 512}, {@code 4M} (MiB), {@code 4MB} (10^6), {@code 1K}, {@code 2c}. */
final class Units {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})([cwbkKMGTPE]?)(B|iB)?");

    private Units() {
    }

    /**
     * Parses a size.
     *
     * @param text such as {@code 4M}
     * @return the bytes, or empty when it is not a size or overflows
     */
    static OptionalLong parse(String text) {
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        String unit = m.group(2);
        boolean decimal = "B".equals(m.group(3));
        long multiplier;
        switch (unit) {
            case "" -> multiplier = 1;
            case "c" -> multiplier = 1;
            case "w" -> multiplier = 2;
            case "b" -> multiplier = 512;
            default -> {
                int power = "kKMGTPE".indexOf(unit);
                int exponent = power <= 1 ? 1 : power;
                multiplier = 1;
                for (int i = 0; i < exponent; i++) {
                    multiplier *= decimal ? 1000 : 1024;
                }
            }
        }
        if (m.group(3) != null && (unit.isEmpty() || "cwb".contains(unit))) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Math.multiplyExact(Long.parseLong(m.group(1)), multiplier));
        } catch (ArithmeticException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
