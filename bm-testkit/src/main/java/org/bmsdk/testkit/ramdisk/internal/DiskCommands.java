package org.bmsdk.testkit.ramdisk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.bmsdk.testkit.machine.SimulatedDisk;
import org.bmsdk.testkit.ramdisk.internal.RamdiskHost.Device;

/**
 * The ramdisk's commands on block devices: {@code cat}, {@code dd}, {@code cmp},
 * {@code blockdev --getsize64}, {@code blkdiscard} and {@code stat -c %s}, on the machine's disks
 * and on {@code /dev/zero} and {@code /dev/null}. Data streams through in 1 MiB pieces; writing
 * zeros from {@code /dev/zero} to a disk and comparing a disk with {@code /dev/zero} work on the
 * disk model instead, so that erasing and checking a multi-terabyte disk takes no time. Messages
 * and exit statuses copy GNU coreutils 9.1, diffutils 3.8 and util-linux 2.38.
 */
final class DiskCommands {

    static final int CHUNK = 1 << 20;
    private static final String ZERO = "/dev/zero";
    private static final String NULL = "/dev/null";

    private DiskCommands() {
    }

    // ---- cat

    static int cat(RamdiskHost host, List<String> args, Io io) throws IOException {
        if (args.isEmpty()) {
            io.in().transferTo(io.out());
            return 0;
        }
        int status = 0;
        for (String f : args) {
            if (f.equals("-")) {
                io.in().transferTo(io.out());
            } else if (f.equals(ZERO)) {
                byte[] zeros = new byte[CHUNK];
                while (true) {
                    io.out().write(zeros);
                }
            } else if (f.equals(NULL)) {
                continue;
            } else {
                Optional<Device> d = host.device(f);
                if (d.isEmpty()) {
                    status = io.fail(1, "cat: " + f + ": " + missing(f));
                    continue;
                }
                if (d.get().disk() == null) {
                    status = io.fail(1, "cat: " + f + ": No medium found");
                    continue;
                }
                copyOut(d.get().disk(), 0, d.get().size(), io);
            }
        }
        return status;
    }

    private static void copyOut(SimulatedDisk disk, long offset, long length, Io io) throws IOException {
        byte[] buf = new byte[CHUNK];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(buf.length, length - done);
            disk.read(offset + done, buf, 0, n);
            io.out().write(buf, 0, n);
            done += n;
        }
    }

    /** What a missing path under /dev reads as: no such file. */
    private static String missing(String f) {
        return "No such file or directory";
    }

    // ---- blockdev, stat

    static int blockdev(RamdiskHost host, List<String> args, Io io) throws IOException {
        if (args.size() != 2 || !args.get(0).equals("--getsize64")) {
            return io.fail(1, "blockdev: the simulated ramdisk knows only 'blockdev --getsize64 DEVICE'");
        }
        Optional<Device> d = host.device(args.get(1));
        if (d.isEmpty()) {
            return io.fail(1, "blockdev: cannot open " + args.get(1) + ": No such file or directory");
        }
        io.print(d.get().size() + "\n");
        return 0;
    }

    /** {@code stat -c FORMAT} with %s and %n: a block device's st_size is 0, as on Linux. */
    static int stat(RamdiskHost host, List<String> args, Io io) throws IOException {
        List<String> a = args.stream().filter(x -> !x.equals("-L")).toList();
        if (a.size() < 3 || !a.get(0).equals("-c")) {
            return io.fail(1, "stat: the simulated ramdisk knows only 'stat [-L] -c FORMAT FILE...'");
        }
        int status = 0;
        for (String f : a.subList(2, a.size())) {
            if (host.device(f).isEmpty() && !f.equals(ZERO) && !f.equals(NULL)) {
                status = io.fail(1, "stat: cannot statx '" + f + "': No such file or directory");
                continue;
            }
            io.print(a.get(1).replace("%s", "0").replace("%n", f) + "\n");
        }
        return status;
    }

    // ---- blkdiscard

    /** {@code blkdiscard [-z|--zeroout] [-f] DEVICE}: zeroes the whole device; plain discard reads back zeros on SSDs. */
    static int blkdiscard(RamdiskHost host, List<String> args, Io io) throws IOException {
        boolean zeroout = false;
        String path = null;
        for (String a : args) {
            switch (a) {
                case "-z", "--zeroout" -> zeroout = true;
                case "-f", "--force", "-v", "--verbose" -> { }
                default -> {
                    if (a.startsWith("-") || path != null) {
                        return io.fail(1, "blkdiscard: the simulated ramdisk knows only 'blkdiscard [-z] [-f] DEVICE', not '" + a + "'");
                    }
                    path = a;
                }
            }
        }
        if (path == null) {
            return io.fail(1, "blkdiscard: no device specified");
        }
        Optional<Device> d = host.device(path);
        if (d.isEmpty()) {
            return io.fail(1, "blkdiscard: cannot open " + path + ": No such file or directory");
        }
        if (d.get().disk() == null) {
            return io.fail(1, "blkdiscard: cannot open " + path + ": Read-only file system");
        }
        if (!zeroout && d.get().rotational()) {
            return io.fail(1, "blkdiscard: " + path + ": BLKDISCARD ioctl failed: Operation not supported");
        }
        d.get().disk().zero(0, d.get().size());
        return 0;
    }

    // ---- cmp

    static int cmp(RamdiskHost host, List<String> args, Io io) throws IOException {
        boolean silent = false;
        long limit = Long.MAX_VALUE;
        List<String> files = new java.util.ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("-s") || a.equals("--quiet") || a.equals("--silent")) {
                silent = true;
            } else if (a.equals("-n") || a.startsWith("--bytes=") || (a.startsWith("-n") && a.length() > 2)) {
                String v = a.equals("-n") ? (++i < args.size() ? args.get(i) : "") : a.startsWith("-n") ? a.substring(2) : a.substring(8);
                OptionalLong n = Units.parse(v);
                if (n.isEmpty()) {
                    return io.fail(2, "cmp: invalid --bytes value '" + v + "'");
                }
                limit = n.getAsLong();
            } else {
                files.add(a);
            }
        }
        if (files.size() != 2) {
            return io.fail(2, "cmp: " + (files.size() < 2 ? "missing operand after '" + String.join(" ", files) + "'"
                    : "invalid --ignore-initial value '" + files.get(2) + "'"));
        }
        Source a = Source.open(host, files.get(0));
        Source b = Source.open(host, files.get(1));
        for (Source s : new Source[] {a, b}) {
            if (s == null) {
                String f = a == null ? files.get(0) : files.get(1);
                return io.fail(2, "cmp: " + f + ": No such file or directory");
            }
        }
        long n = Math.min(limit, Math.min(a.length(), b.length()));
        OptionalLong diff;
        if (a.isZero() || b.isZero()) {
            Source other = a.isZero() ? b : a;
            diff = other.isZero() ? OptionalLong.empty() : other.disk().firstNonZero(0, n);
        } else {
            diff = firstDifference(a.disk(), b.disk(), n);
        }
        if (diff.isPresent()) {
            if (!silent) {
                io.print(files.get(0) + " " + files.get(1) + " differ: byte " + (diff.getAsLong() + 1) + ", line 1\n");
            }
            return 1;
        }
        if (n < limit && a.length() != b.length()) {
            String shorter = a.length() < b.length() ? files.get(0) : files.get(1);
            if (!silent) {
                io.error("cmp: EOF on " + shorter + " after byte " + n + ", in line 1\n");
            }
            return 1;
        }
        return 0;
    }

    private static OptionalLong firstDifference(SimulatedDisk a, SimulatedDisk b, long n) {
        byte[] x = new byte[CHUNK];
        byte[] y = new byte[CHUNK];
        for (long done = 0; done < n; ) {
            int len = (int) Math.min(CHUNK, n - done);
            a.read(done, x, 0, len);
            b.read(done, y, 0, len);
            int m = java.util.Arrays.mismatch(x, 0, len, y, 0, len);
            if (m >= 0) {
                return OptionalLong.of(done + m);
            }
            done += len;
        }
        return OptionalLong.empty();
    }

    /** A file cmp and dd read: a disk or /dev/zero (endless). */
    private record Source(SimulatedDisk disk, boolean isZero) {
        static Source open(RamdiskHost host, String path) {
            if (path.equals(ZERO)) {
                return new Source(null, true);
            }
            return host.device(path).filter(d -> d.disk() != null).map(d -> new Source(d.disk(), false)).orElse(null);
        }

        long length() {
            return isZero ? Long.MAX_VALUE : disk.sizeBytes();
        }
    }

    // ---- dd

    static int dd(RamdiskHost host, List<String> args, Io io) throws IOException {
        DdOperands op;
        try {
            op = DdOperands.parse(args);
        } catch (IllegalArgumentException e) {
            return io.fail(1, "dd: " + e.getMessage());
        }
        long started = System.nanoTime();
        Device in = null;
        Device out = null;
        if (op.input() != null && !op.input().equals(ZERO) && !op.input().equals("/dev/stdin")) {
            in = host.device(op.input()).orElse(null);
            if (in == null || in.disk() == null) {
                return io.fail(1, "dd: failed to open '" + op.input() + "': No such file or directory");
            }
        }
        if (op.output() != null && !op.output().equals(NULL) && !op.output().equals("/dev/stdout")) {
            out = host.device(op.output()).orElse(null);
            if (out == null || out.disk() == null) {
                return io.fail(1, "dd: failed to open '" + op.output() + "': Permission denied");
            }
        }
        boolean zeros = ZERO.equals(op.input());
        long inOffset = op.skipBytes();
        long outOffset = op.seekBytes();
        if (in != null && inOffset > in.size()) {
            io.error("dd: '" + op.input() + "': cannot skip to specified offset\n");
            inOffset = in.size();
        }
        long budget = op.countBytes();
        Counts counts = new Counts(op.ibs(), op.obs());
        String failure = null;
        if (zeros && out != null) {
            // Zeros to a disk: no need to stream them; the model is zeroed at once.
            long room = Math.max(0, out.size() - outOffset);
            long n = Math.min(budget, room);
            out.disk().zero(Math.min(outOffset, out.size()), n);
            counts.read(n);
            counts.wrote(n);
            if (budget > room) {
                failure = "error writing '" + op.output() + "': No space left on device";
                counts.read(Math.min(op.ibs(), budget - room));
            }
        } else {
            InputStream src = in != null ? null : zeros ? null : io.in();
            byte[] buf = new byte[(int) Math.min(Math.max(op.ibs(), CHUNK), 64L << 20)];
            long total = 0;
            while (total < budget) {
                int want = (int) Math.min(buf.length, budget - total);
                int n;
                if (in != null) {
                    n = (int) Math.min(want, in.size() - inOffset - total);
                    if (n <= 0) {
                        break;
                    }
                    in.disk().read(inOffset + total, buf, 0, n);
                } else if (zeros) {
                    java.util.Arrays.fill(buf, 0, want, (byte) 0);
                    n = want;
                } else {
                    n = src.readNBytes(buf, 0, want);
                    if (n <= 0) {
                        break;
                    }
                }
                counts.read(n);
                if (out != null) {
                    long room = out.size() - outOffset - total;
                    int fits = (int) Math.max(0, Math.min(n, room));
                    if (!(op.sparse() && allZero(buf, fits))) {
                        out.disk().write(outOffset + total, buf, 0, fits);
                    }
                    counts.wrote(fits);
                    if (fits < n) {
                        failure = "error writing '" + op.output() + "': No space left on device";
                        break;
                    }
                } else if (op.output() == null || op.output().equals("/dev/stdout")) {
                    io.out().write(buf, 0, n);
                    counts.wrote(n);
                } else {
                    counts.wrote(n);
                }
                total += n;
            }
        }
        if (failure != null) {
            io.error("dd: " + failure + "\n");
        }
        if (!op.quiet()) {
            io.error(counts.summary(System.nanoTime() - started));
        }
        return failure == null ? 0 : 1;
    }

    private static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** dd's records in and out, full and partial, and bytes copied. */
    private static final class Counts {
        private final long ibs;
        private final long obs;
        private long inBytes;
        private long outBytes;

        Counts(long ibs, long obs) {
            this.ibs = ibs;
            this.obs = obs;
        }

        void read(long n) {
            inBytes += n;
        }

        void wrote(long n) {
            outBytes += n;
        }

        String summary(long nanos) {
            double seconds = Math.max(nanos, 1000) / 1e9;
            return (inBytes / ibs) + "+" + (inBytes % ibs == 0 ? 0 : 1) + " records in\n"
                    + (outBytes / obs) + "+" + (outBytes % obs == 0 ? 0 : 1) + " records out\n"
                    + outBytes + " bytes" + (outBytes >= 1000 ? " (" + si(outBytes) + ", " + iec(outBytes) + ")" : "")
                    + " copied, " + String.format(Locale.ROOT, "%.6g", seconds) + " s, " + si((long) (outBytes / seconds)) + "/s\n";
        }

        private static String si(long n) {
            String[] u = {"B", "kB", "MB", "GB", "TB", "PB"};
            double v = n;
            int i = 0;
            while (v >= 1000 && i < u.length - 1) {
                v /= 1000;
                i++;
            }
            return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", v, u[i]);
        }

        private static String iec(long n) {
            String[] u = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
            double v = n;
            int i = 0;
            while (v >= 1024 && i < u.length - 1) {
                v /= 1024;
                i++;
            }
            return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", v, u[i]);
        }
    }
}
