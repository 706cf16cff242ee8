package org.bmsdk.storage.backup.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ConflictException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.storage.BackupRepository;
import org.bmsdk.storage.backup.BackupKey;
import org.bmsdk.storage.backup.ChunkSizes;

/**
 * The repository's configuration object, written once when it is initialised and read by every
 * run: the format version, the chunk sizes, whether it is encrypted, the key salt and the key check.
 *
 * <pre>{@code
 * {"format":1,"created":"…","chunking":{"min":131072,"average":524288,"max":2097152},
 *  "compression":"zstd","encryption":"aes-256-gcm","salt":"…","keyCheck":"…"}
 * }</pre>
 */
public final class RepositoryFormat {

    /** The repository format this code writes and reads. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private RepositoryFormat() {
    }

    /**
     * How to read and write one repository.
     *
     * @param sizes the chunk sizes of its snapshots
     * @param codec the codec of its objects
     */
    public record Opened(ChunkSizes sizes, ChunkCodec codec) {
    }

    /**
     * Reads a repository's configuration, or initialises an empty repository with one.
     *
     * @param repository the repository
     * @param key the owner's key, or null for no encryption
     * @param sizes the chunk sizes to initialise with
     * @param clock the time written as its creation
     * @return how to read and write it
     * @throws ConfigurationException when the key is needed and missing, or given and not needed
     * @throws AuthenticationException when the key is not the repository's
     * @throws IntegrityException when the configuration is damaged or missing from a used repository
     */
    public static Opened openOrInit(BackupRepository repository, BackupKey key, ChunkSizes sizes, Clock clock) {
        ErrorContext context = ErrorContext.of(repository.describe(), "backup", "repository.open");
        Optional<byte[]> config = repository.getConfig();
        if (config.isEmpty()) {
            if (!repository.manifests().isEmpty() || !repository.chunks().isEmpty()) {
                throw new IntegrityException("repository holds snapshots or chunks but no config", context);
            }
            try {
                repository.createConfig(create(key, sizes, clock));
            } catch (ConflictException e) {
                // Another process initialised it first: read what it wrote.
            }
            config = repository.getConfig();
        }
        return open(config.orElseThrow(() -> new IntegrityException("repository config vanished", context)), key, context);
    }

    private static byte[] create(BackupKey key, ChunkSizes sizes, Clock clock) {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("created", clock.instant().toString());
        ObjectNode chunking = root.putObject("chunking");
        chunking.put("min", sizes.min());
        chunking.put("average", sizes.average());
        chunking.put("max", sizes.max());
        root.put("compression", "zstd");
        root.put("encryption", key == null ? "none" : "aes-256-gcm");
        root.put("salt", HEX.formatHex(salt));
        if (key != null) {
            root.put("keyCheck", HEX.formatHex(KeySchedule.derive(key, salt).checkValue()));
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Opened open(byte[] config, BackupKey key, ErrorContext context) {
        JsonNode root;
        ChunkSizes sizes;
        byte[] salt;
        String encryption;
        try {
            root = JSON.readTree(config);
            if (root == null || root.path("format").asInt(-1) != FORMAT) {
                throw new IntegrityException("repository config has format " + (root == null ? null : root.get("format"))
                        + ", not " + FORMAT, context);
            }
            JsonNode c = root.path("chunking");
            sizes = ChunkSizes.of(c.path("min").asInt(), c.path("average").asInt(), c.path("max").asInt());
            salt = HEX.parseHex(root.path("salt").asText());
            encryption = root.path("encryption").asText();
            if (!root.path("compression").asText().equals("zstd")) {
                throw new IntegrityException("repository config names compression " + root.get("compression")
                        + ", not zstd", context);
            }
        } catch (IntegrityException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IntegrityException("repository config is damaged: " + e.getMessage(), context);
        }
        switch (encryption) {
            case "none" -> {
                if (key != null) {
                    throw new ConfigurationException("repository is not encrypted, but a key was given", context);
                }
                return new Opened(sizes, new ChunkCodec(null, sizes.max()));
            }
            case "aes-256-gcm" -> {
                if (key == null) {
                    throw new ConfigurationException("repository is encrypted: its key is needed", context);
                }
                KeySchedule keys = KeySchedule.derive(key, salt);
                byte[] check;
                try {
                    check = HEX.parseHex(root.path("keyCheck").asText());
                } catch (IllegalArgumentException e) {
                    throw new IntegrityException("repository config has a damaged key check", context);
                }
                if (!keys.matches(check)) {
                    throw new AuthenticationException("the key given is not this repository's key", context);
                }
                return new Opened(sizes, new ChunkCodec(keys, sizes.max()));
            }
            default -> throw new IntegrityException("repository config names encryption '" + encryption
                    + "', not none or aes-256-gcm", context);
        }
    }
}
