package org.bmsdk.testkit.redfish;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.resource.InputStreamSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.stream.Stream;
import com.networknt.schema.AnnotationKeyword;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/**
 * DMTF's published Redfish JSON schemas, from {@code <repo root>/../shared/data/redfish-schema},
 * checked with networknt's validator. The schemas are draft-07 documents (draft-04-like) with
 * Redfish's own keywords ({@code readonly}, {@code longDescription}, ...), which are kept as
 * annotations and not checked. The versioned schema {@code X.vA_B_C.json} is the one for the
 * {@code @odata.type} {@code #X.vA_B_C.X}; a collection's type {@code #XCollection.XCollection}
 * has its schema in {@code XCollection.json}.
 */
final class RedfishSchemas {

    static final String DMTF = "http://redfish.dmtf.org/schemas/v1/";
    private static final Pattern VERSIONED_FILE = Pattern.compile("([A-Za-z]+)\\.v\\d+_\\d+_\\d+\\.json");
    private static final Pattern TYPE = Pattern.compile("#([A-Za-z]+)(\\.v\\d+_\\d+_\\d+)?\\.([A-Za-z]+)");

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Path folder;

    private RedfishSchemas(Path folder) {
        this.folder = folder;
        // DMTF's meta-schema URI, on draft-07 (the schemas use $id), with their extra keywords as annotations.
        JsonMetaSchema redfish = JsonMetaSchema.builder(DMTF + "redfish-schema-v1.json", JsonMetaSchema.getV7())
                .unknownKeywordFactory((keyword, context) -> new AnnotationKeyword(keyword))
                .build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, b -> b
                .metaSchema(redfish)
                .schemaMappers(m -> m.mapPrefix(DMTF, folder.toUri().toString()))
                .schemaLoaders(l -> l.add(this::olderVersionStub)));
        this.config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true)
                // Unversioned schemas list every version of a type, and only the newest are here: load a
                // $ref when a payload reaches it, not all up front.
                .preloadJsonSchema(false).build();
    }

    /**
     * DMTF publishes only the newest version of each schema here, but an unversioned schema such
     * as {@code Message.json} is an anyOf over every version ever published. An older version that
     * is not here stands in as a schema that accepts nothing, so that the anyOf moves on to the
     * versions that are here: payloads are held to the newest schemas, never let through unchecked.
     */
    private InputStreamSource olderVersionStub(AbsoluteIri iri) {
        String s = iri.toString();
        String prefix = folder.toUri().toString();
        if (!s.startsWith(prefix)) {
            return null;
        }
        String file = s.substring(prefix.length());
        Matcher m = VERSIONED_FILE.matcher(file);
        if (!m.matches() || Files.exists(folder.resolve(file))) {
            return null;
        }
        String family = m.group(1);
        try (Stream<Path> files = Files.list(folder)) {
            Path newest = files.filter(p -> p.getFileName().toString().matches(Pattern.quote(family)
                    + "\\.v\\d+_\\d+_\\d+\\.json")).findFirst().orElse(null);
            if (newest == null) {
                return null;
            }
            ObjectNode definitions = JsonNodeFactory.instance.objectNode();
            new ObjectMapper().readTree(newest.toFile()).path("definitions").fieldNames().forEachRemaining(
                    name -> definitions.set(name, JsonNodeFactory.instance.objectNode()
                            .set("not", JsonNodeFactory.instance.objectNode())));
            ObjectNode stub = JsonNodeFactory.instance.objectNode();
            stub.put("$id", DMTF + file);
            stub.set("definitions", definitions);
            byte[] bytes = new ObjectMapper().writeValueAsBytes(stub);
            return () -> new ByteArrayInputStream(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The schemas, or the test is skipped when the folder is missing (and fails under CI=true, where
     * the folder is always laid out).
     */
    static RedfishSchemas load() {
        Path folder = repoRoot().resolve("../shared/data/redfish-schema").normalize();
        if (!Files.isDirectory(folder)) {
            String msg = "DMTF Redfish schemas not found at " + folder;
            if ("true".equals(System.getenv("CI"))) {
                fail(msg + " (CI=true: the shared data folder must be beside the repository)");
            }
            Assumptions.abort(msg);
        }
        return new RedfishSchemas(folder);
    }

    /** The work tree's root: the nearest folder up from here that has the bm-testkit module. */
    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("bm-testkit"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new AssertionError("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    Path folder() {
        return folder;
    }

    /**
     * The schema location for an {@code @odata.type}.
     *
     * @param odataType such as {@code #ComputerSystem.v1_27_0.ComputerSystem}
     * @return such as {@code http://redfish.dmtf.org/schemas/v1/ComputerSystem.v1_27_0.json#/definitions/ComputerSystem}
     */
    static String locationOf(String odataType) {
        Matcher m = TYPE.matcher(odataType);
        if (!m.matches()) {
            throw new AssertionError("not an @odata.type: " + odataType);
        }
        String version = m.group(2) == null ? "" : m.group(2);
        return DMTF + m.group(1) + version + ".json#/definitions/" + m.group(3);
    }

    /**
     * Validates a payload against the schema at a location.
     *
     * @param location a schema location, such as {@link #locationOf(String)} returns
     * @param payload the JSON
     * @return the violations
     */
    List<String> validate(String location, JsonNode payload) {
        JsonSchema schema = schemas.computeIfAbsent(location,
                l -> factory.getSchema(SchemaLocation.of(l), config));
        Set<ValidationMessage> errors = schema.validate(payload);
        return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    /**
     * Validates a resource against the schema its {@code @odata.type} names.
     *
     * @param resource the JSON
     * @return the violations, or one saying the type is missing
     */
    List<String> validateResource(JsonNode resource) {
        JsonNode type = resource.get("@odata.type");
        if (type == null || !type.isTextual()) {
            return List.of("no @odata.type");
        }
        Matcher m = TYPE.matcher(type.asText());
        if (!m.matches()) {
            return List.of("malformed @odata.type " + type.asText());
        }
        String file = m.group(1) + (m.group(2) == null ? "" : m.group(2)) + ".json";
        if (!Files.exists(folder.resolve(file))) {
            return List.of("no DMTF schema " + file + " for @odata.type " + type.asText());
        }
        return validate(locationOf(type.asText()), resource);
    }

    /**
     * Validates a Redfish error body.
     *
     * @param body the JSON
     * @return the violations
     */
    List<String> validateError(JsonNode body) {
        return validate(DMTF + "redfish-error.v1_0_2.json#/definitions/RedfishError", body);
    }
}
