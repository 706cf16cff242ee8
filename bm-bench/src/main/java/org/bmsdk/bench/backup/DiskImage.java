package org.bmsdk.bench.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Writes the disk image the backup benchmark feeds to bm-sdk and to restic, and changes it the way a
 * day of use would: the same seed gives the same bytes on every machine.
 *
 * <p>The image is a file system's mix laid out in extents of 4 KiB to 8 MiB (4 KiB-aligned, as file
 * system blocks are): free space (zeros), text (logs and configuration: words and numbers, which zstd
 * shrinks about three- to fourfold), program binaries (a skewed byte alphabet with addresses mixed in,
 * which shrinks to about half) and already-compressed data (random bytes: media, archives, encrypted
 * files), plus copies of earlier extents (the same library or package file in several places), so
 * that even the first backup finds something to deduplicate.
 *
 * <pre>
 * java -cp … org.bmsdk.bench.backup.DiskImage generate FILE SIZE_MIB SEED
 * java -cp … org.bmsdk.bench.backup.DiskImage change FILE FRACTION PLACES SEED
 * </pre>
 * {@code change} overwrites PLACES regions at random offsets that together make FRACTION of the file
 * with fresh content of the same mix, in place.
 */
public final class DiskImage {

    private static final int BLOCK = 4096;
    private static final int MIN_EXTENT = BLOCK;
    private static final int MAX_EXTENT = 8 << 20;

    /** Share of the bytes per kind, in percent: zeros, text, binary, random, copy. */
    private static final int[] MIX = {30, 20, 25, 20, 5};

    private static final String[] WORDS = words();

    private final SplittableRandom random;
    /** The last extents written, which a "copy" extent repeats. */
    private final byte[][] recent = new byte[16][];
    private int recentCount;

    private DiskImage(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 4 && args[0].equals("generate")) {
            generate(Path.of(args[1]), Long.parseLong(args[2]) << 20, Long.parseLong(args[3]));
        } else if (args.length == 5 && args[0].equals("change")) {
            change(Path.of(args[1]), Double.parseDouble(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
        } else {
            System.err.println("usage: DiskImage generate FILE SIZE_MIB SEED | change FILE FRACTION PLACES SEED");
            System.exit(2);
        }
    }

    /** Writes {@code size} bytes of the mix to {@code file}. */
    static void generate(Path file, long size, long seed) throws IOException {
        DiskImage image = new DiskImage(seed);
        try (OutputStream out = Files.newOutputStream(file)) {
            long written = 0;
            while (written < size) {
                int length = (int) Math.min(image.extentLength(), size - written);
                out.write(image.extent(length));
                written += length;
            }
        }
    }

    /** Overwrites {@code places} random regions making {@code fraction} of the file, in place. */
    static void change(Path file, double fraction, int places, long seed) throws IOException {
        DiskImage image = new DiskImage(seed);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            int region = (int) (size * fraction / places);
            for (int i = 0; i < places; i++) {
                long at = image.random.nextLong(size - region) / BLOCK * BLOCK;
                ByteBuffer fresh = ByteBuffer.wrap(image.extent(region));
                while (fresh.hasRemaining()) {
                    channel.write(fresh, at + fresh.position());
                }
            }
        }
    }

    /** Log-uniform between 4 KiB and 8 MiB, in whole blocks: many small files, a few large ones. */
    private int extentLength() {
        double log = Math.log(MIN_EXTENT) + random.nextDouble() * (Math.log(MAX_EXTENT) - Math.log(MIN_EXTENT));
        return Math.max(BLOCK, (int) Math.exp(log) / BLOCK * BLOCK);
    }

    private byte[] extent(int length) {
        int pick = random.nextInt(100);
        int kind = 0;
        while (pick >= MIX[kind]) {
            pick -= MIX[kind];
            kind++;
        }
        byte[] bytes = switch (kind) {
            case 0 -> new byte[length];
            case 1 -> text(length);
            case 2 -> binary(length);
            case 3 -> randomBytes(length);
            default -> copy(length);
        };
        if (kind != 0 && kind != 4) {
            recent[recentCount++ % recent.length] = bytes;
        }
        return bytes;
    }

    private byte[] text(int length) {
        StringBuilder s = new StringBuilder(length + 128);
        while (s.length() < length) {
            if (random.nextInt(3) == 0) {
                s.append("2026-11-").append(10 + random.nextInt(18)).append('T').append(random.nextInt(24)).append(':')
                        .append(random.nextInt(60)).append(':').append(random.nextInt(60)).append(' ');
            }
            int words = 4 + random.nextInt(12);
            for (int w = 0; w < words; w++) {
                // Squaring skews the picks towards the start of the list, as word frequencies are.
                double u = random.nextDouble();
                s.append(WORDS[(int) (u * u * WORDS.length)]).append(random.nextInt(8) == 0 ? "=" + random.nextInt(100000) : "").append(' ');
            }
            s.append('\n');
        }
        byte[] bytes = new byte[length];
        System.arraycopy(s.toString().getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, length);
        return bytes;
    }

    private byte[] binary(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            int u = random.nextInt(100);
            if (u < 60) {
                // A few opcodes and register bytes make most of machine code.
                bytes[i] = (byte) OPCODES[random.nextInt(OPCODES.length)];
            } else if (u < 75) {
                bytes[i] = 0;
            } else {
                bytes[i] = (byte) random.nextInt(256);
            }
        }
        return bytes;
    }

    private static final int[] OPCODES = {0x48, 0x89, 0x8b, 0xe8, 0xc3, 0x83, 0x0f, 0x85, 0x84, 0x74, 0x75, 0xff, 0x45, 0x4c,
        0x24, 0xc7, 0x31, 0xc0, 0x5d, 0x55};

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i + 8 <= length; i += 8) {
            long v = random.nextLong();
            for (int b = 0; b < 8; b++) {
                bytes[i + b] = (byte) (v >>> (8 * b));
            }
        }
        return bytes;
    }

    private byte[] copy(int length) {
        if (recentCount == 0) {
            return randomBytes(length);
        }
        byte[] source = recent[random.nextInt(Math.min(recentCount, recent.length))];
        byte[] bytes = new byte[length];
        for (int at = 0; at < length; at += source.length) {
            System.arraycopy(source, 0, bytes, at, Math.min(source.length, length - at));
        }
        return bytes;
    }

    private static String[] words() {
        String base = "the of and to in is that for it as was with be by on not he this are or his from at which but have an they "
                + "you were her all she there would their we him been has when who will more no if out so said what up its about "
                + "into than them can only other new some could time these two may then do first any my now such like our over "
                + "man me even most made after also did many before must through back years where much your way well down should "
                + "because each just those people how too little state good very make world still own see men work long get here "
                + "between both life being under never day same another know while last might us great old year off come since "
                + "kernel systemd eth0 link up down usb device error warning info debug mount ext4 filesystem sda nvme0n1 pci "
                + "memory cpu irq driver module loaded unloaded service started stopped failed session user root cron dhcp lease "
                + "address route interface bridge vlan bond port packet dropped received transmitted config value key name path";
        return base.split(" ");
    }
}
