package org.bmsdk.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;

/** Prints a command's result: one JSON document with {@code --json}, readable text otherwise. */
final class Output {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Output() {
    }

    /**
     * Prints the result.
     *
     * @param out standard output
     * @param json whether {@code --json} was given
     * @param document what {@code --json} prints: maps, lists, strings and numbers
     * @param text what is printed otherwise
     */
    static void print(PrintWriter out, boolean json, Object document, String text) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(document));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render JSON: " + e.getOriginalMessage(), e);
            }
        } else {
            out.print(text);
            if (!text.endsWith("\n")) {
                out.println();
            }
        }
        out.flush();
    }
}
