package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Reads what {@code --json} printed, insisting on exactly one JSON document. */
final class JsonDocs {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonDocs() {
    }

    /**
     * Parses stdout as exactly one JSON object: nothing before it, nothing but white space after.
     *
     * @param stdout what bmctl printed
     * @return the document
     */
    static JsonNode one(String stdout) {
        try (JsonParser p = MAPPER.getFactory().createParser(stdout)) {
            JsonNode doc = MAPPER.readTree(p);
            assertTrue(doc != null && doc.isObject(), "a JSON object: " + stdout);
            assertNull(p.nextToken(), "nothing after the one document: " + stdout);
            return doc;
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not one JSON document: " + stdout, e);
        }
    }

    /** The field names of an object, in order. */
    static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    /** The texts of an array of strings. */
    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
