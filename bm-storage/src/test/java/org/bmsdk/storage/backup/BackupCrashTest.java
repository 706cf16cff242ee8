package org.bmsdk.storage.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.storage.fixture.S3ProxyServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups in a child JVM: killed half-way (into a directory and into S3), and squeezed into a small heap. */
class BackupCrashTest {

    @TempDir
    Path dir;

    @Test
    void aBackupKilledHalfWayLeavesARepositoryThatVerifiesAndTheNextRunGoesOn() throws Exception {
        Path repo = dir.resolve("repo");
        killHalfWayThenRunAgain(repo.toString(), Map.of(), () -> DirectoryRepository.open(repo));
        try (Stream<Path> files = Files.walk(repo)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().contains(".tmp-")),
                    "temporary files of the killed run are gone");
        }
    }

    @Test
    void aBackupIntoS3KilledHalfWayLeavesARepositoryThatVerifiesAndTheNextRunGoesOn() throws Exception {
        Optional<S3ProxyServer> started = S3ProxyServer.startIfInstalled();
        assumeTrue(started.isPresent(), "S3Proxy is not installed");
        try (S3ProxyServer server = started.get()) {
            String location = "s3://crash/node-1";
            server.repository(location).build().close(); // creates the bucket
            // The killed child leaves its lease behind; this process, on the same host, sees that
            // its holder is gone and takes it over at once instead of waiting for it to lapse.
            try {
                killHalfWayThenRunAgain(location, server.environment(), () -> server.repository(location).build());
            } catch (RuntimeException e) {
                String log = server.log();
                throw new AssertionError(e + "\nS3Proxy's log ends:\n" + log.substring(Math.max(0, log.length() - 6000)), e);
            }
        }
    }

    private void killHalfWayThenRunAgain(String repo, Map<String, String> env, Supplier<BackupRepository> open) throws Exception {
        byte[] image = Images.random(11, 16 << 20);
        Path disk = Images.write(dir.resolve("disk"), image);
        Process child = start(List.of(), env, repo, disk, 20_000, "small");
        long seen = 0;
        List<String> afterKill = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null && seen < image.length / 3; line = out.readLine()) {
                if (!line.startsWith("progress ")) {
                    throw new AssertionError(line + "\n" + stderr(child));
                }
                seen = Long.parseLong(line.substring(9));
            }
            kill(child);
            // The pipe ends when the process does: reading to its end waits for the death, and shows
            // whether the child went on after the kill.
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                afterKill.add(line);
            }
        } finally {
            child.destroyForcibly();
        }
        child.waitFor(30, TimeUnit.SECONDS);
        assertTrue(seen >= image.length / 3 && seen < image.length, "the kill landed half-way: " + seen);
        assertTrue(afterKill.stream().noneMatch(l -> l.startsWith("done")), "the child was killed, not finished: " + afterKill);

        try (BackupRepository repository = open.get();
                BackupEngine engine = BackupEngine.builder(repository).build()) {
            assertTrue(engine.list().isEmpty(), "a killed backup leaves no snapshot");
            int left = repository.chunks().size();
            assertTrue(left > 0, "chunks stored before the kill are kept");
            assertTrue(engine.verify().isClean(), "what the killed run left is consistent");

            BackupResult again = engine.backup(BackupSource.path(disk));
            System.out.printf("%s: killed after %d of %d bytes (%d chunks kept); the next run reused %d bytes, stored %d%n",
                    repository.describe(), seen, image.length, left, again.bytesReused(), again.bytesNew());
            assertTrue(again.bytesReused() >= (long) left * BackupEngineTest.SMALL.min(),
                    "the next run reuses the chunks the killed one stored: " + again);
            assertEquals(image.length, again.bytesNew() + again.bytesReused());
            VerifyReport report = engine.verify();
            assertTrue(report.isClean(), report.toString());
            engine.restore(again.snapshot().id(), RestoreTarget.path(dir.resolve("restored")));
            assertArrayEquals(image, Files.readAllBytes(dir.resolve("restored")));
        }
    }

    @Test
    void aLargeImageIsBackedUpInASmallHeap() throws Exception {
        // 96 MiB through a 32 MiB heap with the default (2 MiB max) chunks: the engine streams.
        Path disk = dir.resolve("disk");
        try (var out = Files.newOutputStream(disk)) {
            for (int i = 0; i < 12; i++) {
                out.write(Images.random(100 + i, 8 << 20));
            }
        }
        Process child = start(List.of("-Xmx32m"), Map.of(), dir.resolve("repo").toString(), disk, 0, "default");
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), stderr(child));
        assertTrue(last != null && last.startsWith("done "), last);
        String[] done = last.split(" ");
        assertEquals(96L << 20, Long.parseLong(done[1]));
        System.out.printf("96 MiB backed up in a 32 MiB heap: heap peak %d MiB%n", Long.parseLong(done[3]) >> 20);
    }

    /**
     * SIGKILL, as the kernel's OOM killer or {@code kill -9} sends it: no shutdown hook, no finally
     * block, no flush runs in the child. Sent with kill(1) by pid rather than Process.destroyForcibly,
     * which also closes our end of the child's output, which the test still reads.
     */
    private static void kill(Process child) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).redirectErrorStream(true).start();
        kill.getInputStream().readAllBytes();
        kill.waitFor(10, TimeUnit.SECONDS);
    }

    private static Process start(List<String> jvmOptions, Map<String, String> env, String repo, Path disk, long delayMicros,
            String chunks) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BackupChild.class.getName(), repo,
                disk.toString(), Long.toString(delayMicros), chunks));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String stderr(Process p) {
        try {
            return new String(p.getErrorStream().readNBytes(20_000), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
