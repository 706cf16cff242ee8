package org.bmsdk.testkit.redfish.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;

/** JSON helpers for Redfish payloads: one shared mapper, links, collections, status objects. */
public final class Json {

    /** The shared mapper; thread-safe once configured. */
    public static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    /** @return a new, empty object */
    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** @return a new, empty array */
    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /**
     * A resource's common head: {@code @odata.id}, {@code @odata.type}, {@code Id} and {@code Name}.
     *
     * @param path the resource's path
     * @param type the {@code @odata.type}, such as {@code #ComputerSystem.v1_27_0.ComputerSystem}
     * @param id the {@code Id}
     * @param name the {@code Name}
     * @return the object
     */
    public static ObjectNode resource(String path, String type, String id, String name) {
        ObjectNode o = object();
        o.put("@odata.id", path);
        o.put("@odata.type", type);
        o.put("Id", id);
        o.put("Name", name);
        return o;
    }

    /**
     * A reference: {@code {"@odata.id": path}}.
     *
     * @param path the referenced resource's path
     * @return the object
     */
    public static ObjectNode link(String path) {
        ObjectNode o = object();
        o.put("@odata.id", path);
        return o;
    }

    /**
     * An array of references.
     *
     * @param paths the referenced resources' paths
     * @return the array
     */
    public static ArrayNode links(Collection<String> paths) {
        ArrayNode a = array();
        paths.forEach(p -> a.add(link(p)));
        return a;
    }

    /**
     * A resource collection.
     *
     * @param path the collection's path
     * @param type the collection type without the namespace, such as {@code ComputerSystemCollection}
     * @param name the {@code Name}
     * @param members the members' paths
     * @return the object
     */
    public static ObjectNode collection(String path, String type, String name, Collection<String> members) {
        ObjectNode o = object();
        o.put("@odata.id", path);
        o.put("@odata.type", "#" + type + "." + type);
        o.put("Name", name);
        o.put("Members@odata.count", members.size());
        o.set("Members", links(members));
        return o;
    }

    /**
     * A {@code Status} object.
     *
     * @param state such as {@code Enabled}
     * @param health {@code OK}, {@code Warning} or {@code Critical}
     * @return the object
     */
    public static ObjectNode status(String state, String health) {
        ObjectNode o = object();
        o.put("State", state);
        o.put("Health", health);
        return o;
    }

    /**
     * An action: {@code {"target": path}}.
     *
     * @param target the action's URI
     * @return the object
     */
    public static ObjectNode action(String target) {
        ObjectNode o = object();
        o.put("target", target);
        return o;
    }

    /**
     * An array of strings.
     *
     * @param values the strings
     * @return the array
     */
    public static ArrayNode strings(String... values) {
        ArrayNode a = array();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    /**
     * Serialises to UTF-8 bytes.
     *
     * @param node the JSON
     * @return the bytes
     */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses a request body.
     *
     * @param body the bytes
     * @return the JSON
     * @throws RedfishException 400 MalformedJSON when it is not JSON
     */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new RedfishException(400, Messages.malformedJson());
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new RedfishException(400, Messages.malformedJson());
            }
            return node;
        } catch (IOException e) {
            throw new RedfishException(400, Messages.malformedJson());
        }
    }

    /**
     * Parses a request body that must be a JSON object; an empty body is an empty object.
     *
     * @param body the bytes
     * @return the object
     */
    public static ObjectNode parseObjectOrEmpty(byte[] body) {
        if (body == null || body.length == 0) {
            return object();
        }
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw new RedfishException(400, Messages.malformedJson());
        }
        return (ObjectNode) node;
    }
}
