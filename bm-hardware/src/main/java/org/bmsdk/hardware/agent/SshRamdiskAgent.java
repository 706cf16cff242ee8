package org.bmsdk.hardware.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.agent.BlockDevice;
import org.bmsdk.api.agent.LldpNeighbor;
import org.bmsdk.api.agent.RamdiskAgent;
import org.bmsdk.api.model.MacAddress;
import org.bmsdk.hardware.agent.internal.AgentOutput;
import org.bmsdk.ssh.ExecResult;
import org.bmsdk.ssh.SshConnection;

/**
 * The ramdisk agent over SSH: plain Linux programs run on the node's service ramdisk, on a
 * connection whose host key was verified. Block devices come from {@code lsblk}, an erase is
 * {@code dd if=/dev/zero} over the whole device (its size from {@link BlockDevice#sizeBytes()}), its
 * proof is {@code cmp -n SIZE DEVICE /dev/zero}, and the switch ports from {@code lldpctl -f
 * keyvalue} with each interface's MAC from {@code ip -o link}. Nothing but a checked device path
 * and its size reaches the shell.
 *
 * <pre>{@code
 * try (SshClient ssh = SshClient.create();
 *      RamdiskAgent agent = SshRamdiskAgent.of(ssh.connect(options))) {
 *     for (BlockDevice disk : agent.blockDevices()) {
 *         agent.erase(disk, Duration.ofHours(6));
 *         if (!agent.isErased(disk, Duration.ofHours(6))) { ... }
 *     }
 * }
 * }</pre>
 *
 * <p>Errors: what the ramdisk printed on a failing command is a {@link DeviceException} whose
 * {@linkplain DeviceException#deviceCode() code} is its first error line; a command that runs past
 * its timeout is an {@link org.bmsdk.api.OperationTimeoutException}; a broken connection is a
 * {@link org.bmsdk.api.TransportException}. Thread-safe, as its connection is.
 */
public final class SshRamdiskAgent implements RamdiskAgent {

    /** The driver id errors carry. */
    public static final String DRIVER_ID = "ssh-ramdisk";

    private static final Pattern DEVICE = Pattern.compile("/dev/[A-Za-z0-9._+:/-]+");

    private final SshConnection connection;

    private SshRamdiskAgent(SshConnection connection) {
        this.connection = Objects.requireNonNull(connection, "connection");
    }

    /**
     * An agent on an open connection to the ramdisk, which it then owns: closing the agent closes it.
     *
     * @param connection the connection, its host key verified
     * @return the agent
     */
    public static SshRamdiskAgent of(SshConnection connection) {
        return new SshRamdiskAgent(connection);
    }

    /** @return the ramdisk's address as errors name it, {@code ssh://host:port} */
    public String endpoint() {
        return connection.endpoint();
    }

    @Override
    public List<BlockDevice> blockDevices() {
        ExecResult r = run(AgentOutput.LSBLK, null, "list block devices");
        try {
            return AgentOutput.blockDevices(r.stdout());
        } catch (IllegalArgumentException e) {
            throw new DeviceException(e.getMessage(), context("list block devices"), "lsblk", false, e);
        }
    }

    @Override
    public void erase(BlockDevice device, Duration timeout) {
        String path = check(device);
        // count= in bytes (iflag=count_bytes) stops at the device's end: on a block device dd would
        // stop there anyway with "No space left on device", on an image file it would grow it forever.
        run("dd if=/dev/zero of=" + path + " bs=4M count=" + device.sizeBytes()
                + " iflag=count_bytes conv=notrunc,fsync status=none", timeout, "erase " + path);
    }

    @Override
    public boolean isErased(BlockDevice device, Duration timeout) {
        String path = check(device);
        String operation = "check the erase of " + path;
        ExecResult r = connection.exec("cmp -n " + device.sizeBytes() + " " + path + " /dev/zero", positive(timeout));
        // cmp: 0 identical, 1 different (or the device ends early), 2 trouble.
        if (r.exitStatus() == 0 || r.exitStatus() == 1) {
            return r.exitStatus() == 0;
        }
        throw failure(r, operation);
    }

    @Override
    public List<LldpNeighbor> lldpNeighbors() {
        Map<String, MacAddress> macs = AgentOutput.interfaceAddresses(run("ip -o link show", null, "list interfaces").stdout());
        return AgentOutput.lldpNeighbors(run("lldpctl -f keyvalue", null, "read LLDP neighbours").stdout(), macs);
    }

    @Override
    public void close() {
        connection.close();
    }

    @Override
    public String toString() {
        return "SshRamdiskAgent[" + connection.endpoint() + "]";
    }

    private ExecResult run(String command, Duration timeout, String operation) {
        ExecResult r = timeout == null ? connection.exec(command) : connection.exec(command, positive(timeout));
        if (!r.isSuccess()) {
            throw failure(r, operation);
        }
        return r;
    }

    private DeviceException failure(ExecResult r, String operation) {
        String line = r.stderr().strip().lines().findFirst().orElse("exit status " + r.exitStatus());
        return new DeviceException("the ramdisk at " + connection.endpoint() + " could not " + operation
                + ": exit status " + r.exitStatus() + ", " + line, context(operation), line);
    }

    private ErrorContext context(String operation) {
        return ErrorContext.of(connection.endpoint(), DRIVER_ID, operation);
    }

    private static String check(BlockDevice device) {
        Objects.requireNonNull(device, "device");
        String path = device.path();
        if (!DEVICE.matcher(path).matches() || path.contains("..")) {
            throw new IllegalArgumentException("device path must be /dev/ and letters, digits and ._+:/-, but was '" + path + "'");
        }
        return path;
    }

    private static Duration positive(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
        }
        return timeout;
    }
}
