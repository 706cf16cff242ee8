package org.bmsdk.storage.backup;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bmsdk.api.credentials.Secret;

/**
 * A real S3 server for tests: S3Proxy (Maven Central's {@code org.gaul:s3proxy}, its
 * jar-with-dependencies) with jclouds' filesystem-nio2 blob store, run in its own JVM, since its jclouds
 * and Jetty dependencies would clash with ours. It listens on 127.0.0.1 on a port it chooses
 * ({@code s3proxy.endpoint=http://127.0.0.1:0}), which is read back from its log; credentials are
 * random per server.
 *
 * <p>The jar is fetched by {@code .ci/install-peers.sh s3} into {@code .peers/s3proxy/} at the top
 * of the work tree ({@code BM_S3PROXY_JAR} names another). When it is missing,
 * {@link #startIfInstalled()} returns nothing and the test skips, except under {@code CI=true},
 * where it fails.
 */
public final class S3ProxyServer implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("Started ServerConnector@\\S*\\{[^}]*\\}\\{127\\.0\\.0\\.1:(\\d+)\\}");

    private final Process process;
    private final Path dir;
    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;

    private S3ProxyServer(Process process, Path dir, URI endpoint, String accessKey, String secretKey) {
        this.process = process;
        this.dir = dir;
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * Starts a server when the jar is installed.
     *
     * @return the server; empty (or a test failure under {@code CI=true}) when the jar is missing
     * @throws IOException when it cannot start
     */
    public static Optional<S3ProxyServer> startIfInstalled() throws IOException {
        Optional<Path> jar = jar();
        if (jar.isEmpty()) {
            String missing = "S3Proxy is needed for the S3 repository tests but its jar is missing: run "
                    + ".ci/install-peers.sh s3 (or set BM_S3PROXY_JAR)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(missing);
            }
            System.err.println("SKIPPED: " + missing);
            return Optional.empty();
        }
        Path dir = Files.createTempDirectory("bm-s3proxy-");
        String accessKey = "test-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String secretKey = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong())
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        Files.createDirectories(dir.resolve("blobs"));
        Path conf = dir.resolve("s3proxy.conf");
        Files.writeString(conf, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:0",
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "jclouds.provider=filesystem-nio2",
                "jclouds.filesystem.basedir=" + dir.resolve("blobs"), ""));
        Path log = dir.resolve("s3proxy.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.get().toString(), "--properties", conf.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        // S3Proxy logs each request at info; the port it chose is in Jetty's info line, which stays.
        pb.environment().put("LOG_LEVEL", "info");
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = STARTED.matcher(text);
            if (m.find()) {
                return Optional.of(new S3ProxyServer(p, dir, URI.create("http://127.0.0.1:" + m.group(1)), accessKey, secretKey));
            }
            if (!p.isAlive()) {
                deleteTree(dir);
                throw new IOException("S3Proxy exited with " + p.exitValue() + " before listening:\n" + text);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        p.destroyForcibly();
        deleteTree(dir);
        throw new IOException("S3Proxy did not listen within 90 s:\n" + text);
    }

    /** Where the jar is: BM_S3PROXY_JAR, else .peers/s3proxy/ in this or a parent directory. */
    static Optional<Path> jar() throws IOException {
        String env = System.getenv("BM_S3PROXY_JAR");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env)).filter(Files::isRegularFile);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path peers = d.resolve(".peers").resolve("s3proxy");
            if (Files.isDirectory(peers)) {
                try (DirectoryStream<Path> jars = Files.newDirectoryStream(peers, "s3proxy-*-jar-with-dependencies.jar")) {
                    for (Path j : jars) {
                        return Optional.of(j);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** @return the server's URL, such as {@code http://127.0.0.1:40123} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the access key id */
    public String accessKey() {
        return accessKey;
    }

    /** @return the secret key */
    public Secret secretKey() {
        return Secret.of(secretKey);
    }

    /** @return the AWS_* variables that point a client at this server */
    public Map<String, String> environment() {
        return Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_REGION", "us-east-1");
    }

    /**
     * A repository builder for a bucket of this server, which is created when missing.
     *
     * @param location {@code s3://bucket/prefix}
     * @return the builder
     */
    public S3Repository.Builder repository(String location) {
        return S3Repository.builder().location(location).environment(environment()).createBucket(true);
    }

    /** @return the server's log so far */
    public String log() {
        try {
            return Files.readString(dir.resolve("s3proxy.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops the server and deletes its blobs. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // A temporary directory: the system cleans it up in the end.
        }
    }

}
