package org.bmsdk.store.jdbc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.IntegrityException;

/**
 * Strict reads of fields from a JSON object: a wrong type, a missing field or a number out of range
 * is an {@link IntegrityException} that names the field's path, never a silent default or a
 * truncated number.
 */
final class JsonFields {

    private final JsonNode object;
    private final String path;

    private JsonFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /**
     * Reads an object.
     *
     * @param node the JSON value
     * @param path where it is, for messages
     * @return its fields
     * @throws IntegrityException when it is not an object
     */
    static JsonFields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw bad(path + " must be an object");
        }
        return new JsonFields(node, path);
    }

    String text(String name) {
        JsonNode v = required(name);
        if (!v.isTextual()) {
            throw bad(where(name) + " must be a string");
        }
        return v.textValue();
    }

    /** A string, or null when absent or JSON null. */
    String optionalText(String name) {
        JsonNode v = object.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad(where(name) + " must be a string or null");
        }
        return v.textValue();
    }

    long integer(String name) {
        JsonNode v = required(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(where(name) + " must be an integer in the range of a long");
        }
        return v.longValue();
    }

    int int32(String name) {
        JsonNode v = required(name);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw bad(where(name) + " must be an integer in the range of an int");
        }
        return v.intValue();
    }

    boolean bool(String name) {
        JsonNode v = required(name);
        if (!v.isBoolean()) {
            throw bad(where(name) + " must be true or false");
        }
        return v.booleanValue();
    }

    JsonFields object(String name) {
        return of(required(name), where(name));
    }

    /** An object, or null when absent or JSON null. */
    JsonFields optionalObject(String name) {
        JsonNode v = object.get(name);
        return v == null || v.isNull() ? null : of(v, where(name));
    }

    /** The elements of an array of objects. */
    List<JsonFields> objects(String name) {
        JsonNode v = array(name);
        List<JsonFields> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            out.add(of(v.get(i), where(name) + "[" + i + "]"));
        }
        return out;
    }

    /** The elements of an array of strings. */
    List<String> texts(String name) {
        JsonNode v = array(name);
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw bad(where(name) + "[" + i + "] must be a string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    /**
     * An enum constant by name; an unknown name reads as {@code unknown}, or is an error when the
     * enum has no such value (null).
     */
    <E extends Enum<E>> E enumValue(String name, Class<E> type, E unknown) {
        String text = text(name);
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        if (unknown == null) {
            throw bad(where(name) + " must be one of " + List.of(type.getEnumConstants()) + ", but was '" + text + "'");
        }
        return unknown;
    }

    String where(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private JsonNode array(String name) {
        JsonNode v = required(name);
        if (!v.isArray()) {
            throw bad(where(name) + " must be an array");
        }
        return v;
    }

    private JsonNode required(String name) {
        JsonNode v = object.get(name);
        if (v == null || v.isNull()) {
            throw bad(where(name) + " is missing");
        }
        return v;
    }

    static IntegrityException bad(String message) {
        return new IntegrityException(message);
    }
}
