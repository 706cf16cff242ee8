package org.bmsdk.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.testkit.storage.SimulatedStorageHost;
import org.bmsdk.testkit.storage.StorageHostSpec;

/**
 * The lab's storage host: a simulated tgt host, files in memory, its SSH host key in a
 * known_hosts file of its own in the lab's directory, and each machine's initiator name.
 */
final class LabStorage implements AutoCloseable {

    /** The file, in the lab's directory, holding the storage host's known_hosts line. */
    static final String KNOWN_HOSTS = "storage_known_hosts";

    private static final String USERNAME = "root";
    private static final String IQN_PREFIX = "iqn.2024-01.org.bmsdk.lab:";

    private final SimulatedStorageHost host;
    private final Path knownHosts;

    private LabStorage(SimulatedStorageHost host, Path knownHosts) {
        this.host = host;
        this.knownHosts = knownHosts;
    }

    /**
     * Starts the host and writes its known_hosts file.
     *
     * @param dir the lab's directory
     * @param password the SSH password, printed in the lab's JSON
     * @return the running host
     */
    static LabStorage start(Path dir, String password) {
        SimulatedStorageHost host = SimulatedStorageHost.start(StorageHostSpec.builder().login(USERNAME, Secret.of(password)).build());
        try {
            return new LabStorage(host, host.writeKnownHosts(dir.resolve(KNOWN_HOSTS)));
        } catch (RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /** @return the initiator name (IQN) of a lab machine */
    static String iqn(String machineName) {
        return IQN_PREFIX + machineName;
    }

    /** @return the running host */
    SimulatedStorageHost host() {
        return host;
    }

    /** @return the known_hosts file that names it */
    Path knownHosts() {
        return knownHosts;
    }

    /** @return its SSH login */
    Credentials login() {
        return Credentials.of(host.spec().username(), host.spec().password());
    }

    /** @return the lab JSON's {@code "storage"} object */
    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ssh", host.sshUri().toString());
        m.put("username", host.spec().username());
        // Printed on purpose, as the BMCs' password: it guards nothing but the lab.
        m.put("password", host.spec().password().reveal());
        m.put("portal", host.portal());
        m.put("known_hosts", knownHosts.toAbsolutePath().toString());
        return m;
    }

    @Override
    public void close() {
        host.close();
    }
}
