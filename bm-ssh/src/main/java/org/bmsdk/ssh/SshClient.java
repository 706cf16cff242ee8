package org.bmsdk.ssh;

import org.bmsdk.ssh.internal.SshjClient;

/**
 * Opens SSH connections. One client is meant to be shared by a whole program: it holds the SSH
 * algorithm configuration and the threads that read command output, which every connection it opens
 * reuses.
 *
 * <p>Thread-safe. {@link #close()} closes every connection the client opened that is still open.
 *
 * <pre>{@code
 * try (SshClient ssh = SshClient.create();
 *      SshConnection conn = ssh.connect(options)) {
 *     ExecResult r = conn.exec("ovs-vsctl get port p1 tag", Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>Errors are bm-api exceptions, whatever the SSH library underneath threw:
 * {@link org.bmsdk.api.TransportException} when the server cannot be reached or the connection
 * breaks, {@link org.bmsdk.api.AuthenticationException} when the login is refused or the host key is
 * unknown or changed, {@link org.bmsdk.api.OperationTimeoutException} when a command or a prompt
 * does not come in time, {@link org.bmsdk.api.ConfigurationException} when a key file cannot be
 * read. Each names the endpoint {@code ssh://host:port}, the driver {@code ssh} and the operation.
 */
public interface SshClient extends AutoCloseable {

    /**
     * Creates a client on the default SSH implementation.
     *
     * @return a new client; close it when the program is done with SSH
     */
    static SshClient create() {
        return new SshjClient();
    }

    /**
     * Connects, verifies the server's host key and logs in.
     *
     * @param options where to connect and how to log in
     * @return the open connection
     * @throws org.bmsdk.api.TransportException when the server cannot be reached or the handshake fails
     * @throws org.bmsdk.api.AuthenticationException when the host key is unknown or changed, or the
     *     login is refused
     * @throws org.bmsdk.api.ConfigurationException when the private key file cannot be read
     * @throws IllegalStateException when this client is closed
     */
    SshConnection connect(SshOptions options);

    /** Closes every connection this client opened that is still open, and stops its threads. */
    @Override
    void close();
}
