package org.bmsdk.storage.backup.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.IntegrityException;
import org.bmsdk.api.storage.ChunkId;
import org.bmsdk.storage.backup.Snapshot;

/**
 * A manifest as JSON. Format 2 (written):
 *
 * <pre>{@code
 * {"format":2,"id":"20261126T101500Z-3f9a0c12","time":"2026-11-26T10:15:00.123Z",
 *  "source":"/dev/sda","size":1048576,"chunkListSha256":"…",
 *  "chunks":[{"id":"…","length":524288},{"id":"…","length":524288}]}
 * }</pre>
 *
 * <p>{@code chunkListSha256} is {@link ChunkListDigest} of the chunks, and is checked on every read, so a
 * manifest whose list changed (a flipped id or length) is refused wherever it is used. Format 1 (still
 * read, so old repositories restore and verify) has {@code "sha256"}, the whole image's SHA-256,
 * instead; a restore checks it against what it wrote.
 *
 * <p>Written and read as a token stream, so that a manifest of a large disk (a million chunks) never
 * exists as a tree in memory. Reading accepts any bytes: anything that is not a whole, consistent
 * manifest is an {@link IntegrityException}.
 */
public final class ManifestCodec {

    /** The manifest format this code writes; it reads this one and format 1. */
    public static final int FORMAT = Snapshot.FORMAT_CHUNK_LIST;

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private ManifestCodec() {
    }

    /**
     * Writes a manifest.
     *
     * @param manifest the manifest
     * @return its JSON
     */
    public static byte[] encode(Manifest manifest) {
        Snapshot s = manifest.snapshot();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + manifest.chunks().size() * 96);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("format", s.format());
            g.writeStringField("id", s.id());
            g.writeStringField("time", s.time().toString());
            g.writeStringField("source", s.source());
            g.writeNumberField("size", s.size());
            g.writeStringField(s.format() == Snapshot.FORMAT_IMAGE_SHA256 ? "sha256" : "chunkListSha256", s.digest());
            g.writeArrayFieldStart("chunks");
            for (ChunkRef c : manifest.chunks()) {
                g.writeRaw('\n');
                g.writeStartObject();
                g.writeStringField("id", c.id().hex());
                g.writeNumberField("length", c.length());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Reads a manifest.
     *
     * @param name the snapshot name it is stored under; the manifest must carry the same id
     * @param json its JSON
     * @return the manifest
     * @throws IntegrityException when it is not a whole, consistent format 1 or 2 manifest (format 2:
     *     its chunk list must match its digest)
     */
    public static Manifest decode(String name, byte[] json) {
        try (JsonParser p = JSON.createParser(json)) {
            Long format = null;
            String id = null;
            String time = null;
            String source = null;
            Long size = null;
            String sha256 = null;
            String listSha256 = null;
            List<ChunkRef> chunks = null;
            expect(p.nextToken(), JsonToken.START_OBJECT, "the manifest");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "format" -> format = number(p, value, field);
                    case "id" -> id = text(p, value, field);
                    case "time" -> time = text(p, value, field);
                    case "source" -> source = text(p, value, field);
                    case "size" -> size = number(p, value, field);
                    case "sha256" -> sha256 = text(p, value, field);
                    case "chunkListSha256" -> listSha256 = text(p, value, field);
                    case "chunks" -> chunks = chunks(p, value);
                    default -> p.skipChildren();
                }
            }
            expect(p.currentToken(), JsonToken.END_OBJECT, "the end of the manifest");
            if (p.nextToken() != null) {
                throw new IntegrityException("snapshot " + name + " has bytes after its manifest");
            }
            if (format == null || (format != Snapshot.FORMAT_IMAGE_SHA256 && format != Snapshot.FORMAT_CHUNK_LIST)) {
                throw new IntegrityException("snapshot " + name + " has manifest format " + format + ", not 1 or 2");
            }
            String digestField = format == Snapshot.FORMAT_IMAGE_SHA256 ? "sha256" : "chunkListSha256";
            String digest = format == Snapshot.FORMAT_IMAGE_SHA256 ? sha256 : listSha256;
            if (id == null || time == null || source == null || size == null || digest == null || chunks == null) {
                throw new IntegrityException("snapshot " + name + " lacks one of id, time, source, size, "
                        + digestField + ", chunks");
            }
            if (format == Snapshot.FORMAT_CHUNK_LIST && !ChunkListDigest.of(chunks).equals(digest)) {
                throw new IntegrityException("snapshot " + name + " has a chunk list that does not match its "
                        + "chunkListSha256 (the manifest changed)");
            }
            if (!id.equals(name)) {
                throw new IntegrityException("snapshot " + name + " holds the manifest of " + id);
            }
            Snapshot snapshot = new Snapshot(id, Instant.parse(time), source, size, format.intValue(), digest,
                    chunks.size());
            return new Manifest(snapshot, chunks);
        } catch (IntegrityException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new IntegrityException("snapshot " + name + " has a damaged manifest: " + e.getMessage());
        }
    }

    private static List<ChunkRef> chunks(JsonParser p, JsonToken value) throws IOException {
        expect(value, JsonToken.START_ARRAY, "chunks");
        List<ChunkRef> chunks = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String id = null;
            Long length = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "id" -> id = text(p, v, "chunk id");
                    case "length" -> length = number(p, v, "chunk length");
                    default -> p.skipChildren();
                }
            }
            if (id == null || length == null || length > Integer.MAX_VALUE) {
                throw new IntegrityException("a chunk entry lacks its id or length");
            }
            chunks.add(new ChunkRef(new ChunkId(id), length.intValue()));
        }
        expect(p.currentToken(), JsonToken.END_ARRAY, "the end of chunks");
        return chunks;
    }

    private static String text(JsonParser p, JsonToken token, String field) throws IOException {
        expect(token, JsonToken.VALUE_STRING, field);
        return p.getText();
    }

    private static long number(JsonParser p, JsonToken token, String field) throws IOException {
        expect(token, JsonToken.VALUE_NUMBER_INT, field);
        if (p.getNumberType() != JsonParser.NumberType.INT && p.getNumberType() != JsonParser.NumberType.LONG) {
            throw new IntegrityException(field + " is out of range");
        }
        return p.getLongValue();
    }

    private static void expect(JsonToken actual, JsonToken expected, String what) {
        if (actual != expected) {
            throw new IntegrityException("expected " + expected + " for " + what + ", found " + actual);
        }
    }
}
