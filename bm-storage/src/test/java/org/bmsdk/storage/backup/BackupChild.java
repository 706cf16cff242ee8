package org.bmsdk.storage.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.bmsdk.api.storage.BackupRepository;

/**
 * A backup process for {@link BackupCrashTest}: {@code REPO IMAGE DELAY_MICROS_PER_64K CHUNKS} backs
 * the image up, printing {@code progress BYTES} as it goes and {@code done NEW REUSED PEAK_HEAP} at
 * the end. The delay slows its reads, so that a kill lands half-way; {@code CHUNKS} is
 * {@code small} or {@code default}. {@code REPO} is a directory, or {@code s3://bucket/prefix} with
 * the server and keys in the AWS_* environment variables.
 */
public final class BackupChild {

    private BackupChild() {
    }

    /**
     * Runs the child.
     *
     * @param args the repository, the image, the delay and the chunk sizes
     */
    public static void main(String[] args) {
        try {
            Path image = Path.of(args[1]);
            long delayMicros = Long.parseLong(args[2]);
            ChunkSizes sizes = args[3].equals("small") ? BackupEngineTest.SMALL : ChunkSizes.DEFAULT;
            BackupSource slow = BackupSource.of(image.toString(), Files.size(image),
                    () -> new Throttled(Files.newInputStream(image), delayMicros));
            try (BackupRepository repository = open(args[0]);
                    BackupEngine engine = BackupEngine.builder(repository).chunkSizes(sizes).threads(2)
                            .progressInterval(Duration.ofMillis(20))
                            .listener(p -> {
                                System.out.println("progress " + p.bytesRead());
                                System.out.flush();
                            }).build()) {
                BackupResult r = engine.backup(slow);
                long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                        .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                System.out.println("done " + r.bytesNew() + " " + r.bytesReused() + " " + peak);
                System.out.flush();
            }
        } catch (IOException | RuntimeException e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(3);
        }
    }

    static BackupRepository open(String location) {
        return S3Repository.isS3Location(location)
                ? S3Repository.builder().location(location).environment(System.getenv()).build()
                : DirectoryRepository.open(Path.of(location));
    }

    /** Sleeps after every 64 KiB read. */
    private static final class Throttled extends FilterInputStream {
        private final long delayMicros;

        Throttled(InputStream in, long delayMicros) {
            super(in);
            this.delayMicros = delayMicros;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, Math.min(len, 64 << 10));
            if (n > 0 && delayMicros > 0) {
                LockSupport.parkNanos(delayMicros * 1000);
            }
            return n;
        }
    }

}
