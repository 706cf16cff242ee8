package org.bmsdk.testkit.ramdisk.internal;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * dd's operands, parsed: {@code if=}, {@code of=}, {@code bs=}, {@code ibs=}, {@code obs=},
 * {@code count=}, {@code skip=}, {@code seek=}, {@code iflag=} ({@code count_bytes},
 * {@code skip_bytes}, {@code fullblock}, {@code direct}), {@code oflag=} ({@code seek_bytes},
 * {@code direct}, {@code sync}, {@code dsync}), {@code conv=} ({@code notrunc}, {@code fsync},
 * {@code fdatasync}, {@code sparse}, {@code noerror}, {@code sync}) and {@code status=}.
 *
 * @param input the input file, or null for standard input
 * @param output the output file, or null for standard output
 * @param ibs the input block size
 * @param obs the output block size
 * @param countBytes how many bytes to copy at most ({@code Long.MAX_VALUE} without count=)
 * @param skipBytes where to start reading
 * @param seekBytes where to start writing
 * @param sparse conv=sparse: output blocks of zeros are skipped, not written
 * @param quiet status=none: no summary
 */
record DdOperands(String input, String output, long ibs, long obs, long countBytes, long skipBytes, long seekBytes,
        boolean sparse, boolean quiet) {

    private static final Set<String> IFLAGS = Set.of("count_bytes", "skip_bytes", "fullblock", "direct", "nocache");
    private static final Set<String> OFLAGS = Set.of("seek_bytes", "direct", "sync", "dsync", "nocache");
    private static final Set<String> CONVS = Set.of("notrunc", "fsync", "fdatasync", "sparse", "noerror", "sync");

    static DdOperands parse(List<String> args) {
        String in = null;
        String out = null;
        long ibs = 512;
        long obs = 512;
        Long count = null;
        long skip = 0;
        long seek = 0;
        boolean countBytes = false;
        boolean skipBytes = false;
        boolean seekBytes = false;
        boolean sparse = false;
        boolean quiet = false;
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("unrecognized operand '" + a + "'");
            }
            String key = a.substring(0, eq);
            String value = a.substring(eq + 1);
            switch (key) {
                case "if" -> in = value;
                case "of" -> out = value;
                case "bs" -> {
                    ibs = size(value, "block size");
                    obs = ibs;
                }
                case "ibs" -> ibs = size(value, "input block size");
                case "obs" -> obs = size(value, "output block size");
                case "count" -> count = number(value, "count");
                case "skip" -> skip = number(value, "skip");
                case "seek" -> seek = number(value, "seek");
                case "iflag" -> {
                    for (String f : value.split(",")) {
                        check(IFLAGS, f, "input flag");
                        countBytes |= f.equals("count_bytes");
                        skipBytes |= f.equals("skip_bytes");
                    }
                }
                case "oflag" -> {
                    for (String f : value.split(",")) {
                        check(OFLAGS, f, "output flag");
                        seekBytes |= f.equals("seek_bytes");
                    }
                }
                case "conv" -> {
                    for (String f : value.split(",")) {
                        check(CONVS, f, "conversion");
                        sparse |= f.equals("sparse");
                    }
                }
                case "status" -> {
                    if (!Set.of("none", "noxfer", "progress").contains(value)) {
                        throw new IllegalArgumentException("invalid status level: '" + value + "'");
                    }
                    quiet = value.equals("none");
                }
                default -> throw new IllegalArgumentException("unrecognized operand '" + a + "'");
            }
        }
        long countInBytes = count == null ? Long.MAX_VALUE : countBytes ? count : multiply(count, ibs);
        long skipInBytes = skipBytes ? skip : multiply(skip, ibs);
        long seekInBytes = seekBytes ? seek : multiply(seek, obs);
        return new DdOperands(in, out, ibs, obs, countInBytes, skipInBytes, seekInBytes, sparse, quiet);
    }

    private static long size(String v, String what) {
        long n = number(v, what);
        if (n == 0) {
            throw new IllegalArgumentException("invalid number: '" + v + "'");
        }
        return n;
    }

    private static long number(String v, String what) {
        OptionalLong n = Units.parse(v);
        if (n.isEmpty()) {
            throw new IllegalArgumentException("invalid number: '" + v + "'");
        }
        return n.getAsLong();
    }

    private static void check(Set<String> known, String flag, String what) {
        if (!known.contains(flag)) {
            throw new IllegalArgumentException("invalid " + what + ": '" + flag + "'");
        }
    }

    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
