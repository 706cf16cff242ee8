package org.bmsdk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.credentials.CredentialRef;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.model.Node;
import org.bmsdk.ssh.SshOptions;

/**
 * The devices of a running {@code bmctl lab}, read from its line of JSON saved in a file: its
 * switches, its storage host and each machine's service ramdisk, with the logins and known_hosts
 * files the line names. The logins stay in memory, in {@link Secret}s: the file is the user's, as
 * a credentials file is.
 */
final class LabDevices {

    private final JsonNode line;

    private LabDevices(JsonNode line) {
        this.line = line;
    }

    /**
     * Reads the lab's line.
     *
     * @param file what {@code bmctl lab > FILE} wrote
     * @return the devices
     * @throws ConfigurationException when the file cannot be read or holds no lab line
     */
    static LabDevices read(Path file) {
        try {
            String first = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("{")).findFirst()
                    .orElseThrow(() -> new ConfigurationException("--lab " + file + " holds no line of JSON from bmctl lab"));
            return new LabDevices(new ObjectMapper().readTree(first));
        } catch (IOException e) {
            // Not the parser's message: it quotes the text it read, which holds the lab's passwords.
            throw new ConfigurationException("--lab " + file + " cannot be read as bmctl lab's line of JSON: " + e.getClass().getSimpleName());
        }
    }

    private static Credentials login(JsonNode o) {
        return Credentials.of(o.get("username").asText(), Secret.of(o.get("password").asText()));
    }

    /**
     * The lab's switches, in {@code --switch} form.
     *
     * @return NAME=DIALECT,URI of each
     */
    List<String> switches() {
        List<String> out = new ArrayList<>();
        line.path("switches").forEach(s -> out.add(s.get("name").asText() + "=" + s.get("dialect").asText() + "," + s.get("ssh").asText()));
        return out;
    }

    /** @return the switches' login (the lab's one login), or null without switches */
    CredentialRef switchLogin() {
        JsonNode first = line.path("switches").path(0);
        return first.isMissingNode() ? null : CredentialRef.inline(login(first));
    }

    /** @return the switches' known_hosts file, or null */
    Path switchKnownHosts() {
        return line.hasNonNull("known_hosts") ? Path.of(line.get("known_hosts").asText()) : null;
    }

    /** @return the storage host's {@code ssh://} address */
    URI storage() {
        return URI.create(line.get("storage").get("ssh").asText());
    }

    /** @return the storage host's login */
    Credentials storageLogin() {
        return login(line.get("storage"));
    }

    /** @return its known_hosts file */
    Path storageKnownHosts() {
        return Path.of(line.get("storage").get("known_hosts").asText());
    }

    /** @return the iSCSI portal the machines reach it at */
    String portal() {
        return line.get("storage").get("portal").asText();
    }

    /**
     * How to log in to a node's ramdisk: the lab machine of the node's name.
     *
     * @param node the node
     * @return the ramdisk's SSH options, its host key checked
     * @throws ConfigurationException when the lab has no machine of that name
     */
    SshOptions ramdisk(Node node) {
        for (JsonNode m : line.path("machines")) {
            if (m.get("name").asText().equals(node.id().value()) && m.has("ramdisk")) {
                JsonNode r = m.get("ramdisk");
                URI uri = URI.create(r.get("ssh").asText());
                return SshOptions.builder().host(uri.getHost()).port(uri.getPort()).credentials(login(r))
                        .knownHosts(Path.of(r.get("known_hosts").asText())).build();
            }
        }
        throw new ConfigurationException("the lab has no machine " + node.id().value() + " with a ramdisk");
    }
}
