package org.bmsdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** docs/lab.schema.json, the contract of what {@code bmctl lab} prints, with networknt's validator. */
final class LabSchema {

    private static final JsonSchema SCHEMA = load();

    private LabSchema() {
    }

    /** @return the schema file */
    static Path file() {
        return Path.of(System.getProperty("basedir", "."), "..", "docs", "lab.schema.json");
    }

    private static JsonSchema load() {
        try (InputStream in = Files.newInputStream(file())) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file(), e);
        }
    }

    /**
     * Validates a document.
     *
     * @param doc what bmctl lab printed, parsed
     * @return the violations, empty when it conforms
     */
    static List<String> violations(JsonNode doc) {
        return SCHEMA.validate(doc).stream().map(ValidationMessage::toString).sorted().toList();
    }
}
