package org.bmsdk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.ramdisk.RamdiskSpec;
import org.bmsdk.testkit.ramdisk.SimulatedRamdisk;

/**
 * The lab machines' service ramdisks: one per machine, its SSH port and host key fixed when the lab
 * starts (so the lab's one line of JSON can name them), serving while the machine runs the ramdisk
 * (booted from the network, or from virtual media); they share one host key, listed for each
 * ramdisk's port in a known_hosts file of their own in the lab's directory. Each machine's heartbeat port is fixed at start too.
 */
final class LabRamdisks implements AutoCloseable {

    /** The file, in the lab's directory, holding every ramdisk's known_hosts line. */
    static final String KNOWN_HOSTS = "ramdisk_known_hosts";

    private static final String USERNAME = "root";

    private final List<SimulatedRamdisk> ramdisks;
    private final Path knownHosts;

    private LabRamdisks(List<SimulatedRamdisk> ramdisks, Path knownHosts) {
        this.ramdisks = ramdisks;
        this.knownHosts = knownHosts;
    }

    /**
     * Attaches a ramdisk to each machine, opens each machine's heartbeat and writes the known_hosts file.
     *
     * @param machines the lab's machines
     * @param dir the lab's directory
     * @param credentials the lab's credentials: the ramdisks log in {@code root} with their password
     * @return the ramdisks
     */
    static LabRamdisks attach(List<SimulatedMachine> machines, Path dir, Credentials credentials) {
        // One host key for all: making a thousand would add seconds to a large lab's start.
        RamdiskSpec spec = RamdiskSpec.builder().login(USERNAME, credentials.password())
                .hostKey(SimulatedRamdisk.newHostKey()).build();
        List<SimulatedRamdisk> ramdisks = new ArrayList<>();
        try {
            StringBuilder lines = new StringBuilder();
            for (SimulatedMachine m : machines) {
                SimulatedRamdisk r = SimulatedRamdisk.attach(m, spec);
                ramdisks.add(r);
                lines.append(r.knownHostsLine()).append('\n');
                m.heartbeat();
            }
            Path file = Files.writeString(dir.resolve(KNOWN_HOSTS), lines, StandardCharsets.US_ASCII);
            return new LabRamdisks(ramdisks, file);
        } catch (IOException e) {
            ramdisks.forEach(SimulatedRamdisk::close);
            throw new UncheckedIOException("cannot write the ramdisks' known_hosts file", e);
        } catch (RuntimeException e) {
            ramdisks.forEach(SimulatedRamdisk::close);
            throw e;
        }
    }

    /** @return machine {@code i}'s {@code "ramdisk"} object of the lab JSON */
    Map<String, Object> json(int i) {
        SimulatedRamdisk r = ramdisks.get(i);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ssh", r.sshUri().toString());
        m.put("username", r.spec().username());
        // Printed on purpose, as the BMCs' password is: it guards nothing but the lab.
        m.put("password", r.spec().password().reveal());
        m.put("known_hosts", knownHosts.toAbsolutePath().toString());
        return m;
    }

    /** @return how to log in to machine {@code i}'s ramdisk, its host key checked */
    SshOptions ssh(int i) {
        SimulatedRamdisk r = ramdisks.get(i);
        return SshOptions.builder().host(r.host()).port(r.sshPort()).username(r.spec().username()).password(r.spec().password())
                .knownHosts(knownHosts).build();
    }

    /** @return machine {@code i}'s heartbeat, {@code 127.0.0.1:PORT} */
    String heartbeat(int i) {
        SimulatedMachine m = ramdisks.get(i).machine();
        return "127.0.0.1:" + m.heartbeat().getPort();
    }

    /** Stops the ramdisks; the machines close their heartbeats themselves. */
    @Override
    public void close() {
        ramdisks.forEach(SimulatedRamdisk::close);
    }
}
