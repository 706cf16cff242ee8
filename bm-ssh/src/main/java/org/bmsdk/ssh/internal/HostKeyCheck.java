package org.bmsdk.ssh.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import java.util.List;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.ssh.SshOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether to trust the host key a server shows, and remembers why it did not, so that the
 * connect error can say "not in known_hosts" or "changed" instead of SSHJ's generic "could not
 * verify". One instance per connection attempt.
 */
abstract class HostKeyCheck implements HostKeyVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    private volatile String rejection;

    /** The check the options ask for: known_hosts, or the insecure opt-in. */
    static HostKeyCheck forOptions(SshOptions options) {
        return options.isInsecureAcceptAnyHostKey() ? new AcceptAny(options) : KnownHosts.read(options);
    }

    /** Why the host key was refused, or null when it was not. */
    final String rejection() {
        return rejection;
    }

    final void reject(String why) {
        this.rejection = why;
    }

    /** "ssh-ed25519 SHA256:..." as {@code ssh-keygen -l} and OpenSSH's own prompts show it. */
    static String describe(PublicKey key) {
        return KeyType.fromKey(key) + " " + fingerprint(key);
    }

    static String fingerprint(PublicKey key) {
        byte[] blob = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(blob);
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(sha);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Trusts only keys listed for the host (and port) in an OpenSSH known_hosts file. */
    private static final class KnownHosts extends HostKeyCheck {
        private final Path file;
        private final String hostAndPort;
        private final Verifier verifier;

        private KnownHosts(SshOptions options, Verifier verifier) {
            this.file = options.knownHosts();
            this.hostAndPort = options.hostAndPort();
            this.verifier = verifier;
            verifier.owner = this;
        }

        static KnownHosts read(SshOptions options) {
            try {
                // Read at every connect, so that a key added or removed takes effect at once.
                return new KnownHosts(options, new Verifier(options.knownHosts()));
            } catch (IOException e) {
                throw new ConfigurationException("known_hosts " + options.knownHosts() + " cannot be read: "
                        + SshErrors.describe(e), SshErrors.context(options, "connect"), e);
            }
        }

        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            boolean ok = verifier.verify(hostname, port, key);
            if (!ok && rejection() == null) {
                reject("host key of " + hostAndPort + " (" + KeyType.fromKey(key) + ") cannot be verified against known_hosts "
                        + file);
            }
            return ok;
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            // Lets SSHJ ask for the key type the file has, when the server has several.
            return verifier.findExistingAlgorithms(hostname, port);
        }

        void unknown(PublicKey key) {
            String missing = Files.exists(file) ? "" : " (the file does not exist)";
            reject("host key of " + hostAndPort + " is not in known_hosts " + file + missing + "; the server offered "
                    + describe(key) + ": check that fingerprint with the device's owner, then add the key to the file");
        }

        void changed(PublicKey key) {
            reject("host key of " + hostAndPort + " does NOT match known_hosts " + file + ": the server offered "
                    + describe(key) + ", the file lists another " + KeyType.fromKey(key) + " key for this host"
                    + " (revoked, or the device was reinstalled, or someone is intercepting the connection)");
        }
    }

    /** SSHJ's parser and matcher of known_hosts, reporting to its owner instead of deciding alone. */
    private static final class Verifier extends OpenSSHKnownHosts {
        private KnownHosts owner;

        Verifier(Path file) throws IOException {
            super(file.toFile());
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            owner.unknown(key);
            return false;
        }

        @Override
        protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
            owner.changed(key);
            return false;
        }
    }

    /** The explicit opt-out of host key checking: accepts any key, with a warning every time. */
    private static final class AcceptAny extends HostKeyCheck {
        private final String endpoint;

        AcceptAny(SshOptions options) {
            this.endpoint = options.endpoint();
        }

        @Override
        public boolean verify(String hostname, int port, PublicKey key) {
            LOG.warn("{}: host key NOT verified (insecureAcceptAnyHostKey); accepted {} without checking it: anyone on"
                    + " the path can impersonate this device", endpoint, describe(key));
            return true;
        }

        @Override
        public List<String> findExistingAlgorithms(String hostname, int port) {
            return List.of();
        }
    }
}
