package org.bmsdk.ssh.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import com.hierynomus.sshj.common.KeyDecryptionFailedException;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPassword;
import net.schmizz.sshj.userauth.method.AuthPublickey;
import net.schmizz.sshj.userauth.password.PasswordFinder;
import net.schmizz.sshj.userauth.password.Resource;
import org.bmsdk.api.AuthenticationException;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.TransportException;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.ssh.SshOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens and logs in an SSHJ client, turning every way that can fail into a bm-api exception. */
final class SshjConnector {

    private static final Logger LOG = LoggerFactory.getLogger(SshjConnector.class);

    private SshjConnector() {
    }

    static SSHClient open(Config config, SshOptions options) {
        ErrorContext ctx = SshErrors.context(options, "connect");
        HostKeyCheck hostKeys = HostKeyCheck.forOptions(options);
        SSHClient ssh = new SSHClient(config);
        boolean ok = false;
        try {
            int timeoutMs = SshErrors.millis(options.connectTimeout());
            ssh.setConnectTimeout(timeoutMs);
            // SO_TIMEOUT bounds the wait for the server's banner, which SSHJ reads on the caller's
            // thread; its reader thread later shrugs these timeouts off, so idle sessions survive.
            ssh.setTimeout(timeoutMs);
            ssh.getTransport().setTimeoutMs(timeoutMs);
            ssh.getConnection().setTimeoutMs(timeoutMs);
            ssh.getConnection().getKeepAlive().setKeepAliveInterval(keepAliveSeconds(options));
            ssh.addHostKeyVerifier(hostKeys);
            // Keys are loaded before any packet is sent: a missing file or a wrong passphrase is
            // reported as such, not as a login the server refused.
            List<AuthMethod> methods = authMethods(ssh, options, ctx);
            long start = System.nanoTime();
            connect(ssh, options, hostKeys, ctx);
            login(ssh, options, methods, ctx);
            LOG.debug("{}: logged in as {} in {} ms", options.endpoint(), options.username(),
                    (System.nanoTime() - start) / 1_000_000);
            ok = true;
            return ssh;
        } finally {
            if (!ok) {
                closeQuietly(ssh);
            }
        }
    }

    private static void connect(SSHClient ssh, SshOptions options, HostKeyCheck hostKeys, ErrorContext ctx) {
        String where = options.hostAndPort();
        try {
            ssh.connect(options.host(), options.port());
        } catch (IOException | RuntimeException e) {
            if (hostKeys.rejection() != null) {
                throw new AuthenticationException(hostKeys.rejection(), ctx, e);
            }
            SSHException ssh2 = SshErrors.findCause(e, SSHException.class);
            if (ssh2 != null && ssh2.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
                throw new AuthenticationException("host key of " + where + " cannot be verified: " + SshErrors.describe(e), ctx, e);
            }
            if (SshErrors.findCause(e, ConnectException.class) != null) {
                throw new TransportException("cannot connect to " + where + ": connection refused", ctx, e);
            }
            if (SshErrors.findCause(e, UnknownHostException.class) != null) {
                throw new TransportException("cannot connect to " + where + ": unknown host", ctx, e);
            }
            if (SshErrors.findCause(e, NoRouteToHostException.class) != null) {
                throw new TransportException("cannot connect to " + where + ": no route to host", ctx, e);
            }
            if (SshErrors.findCause(e, SocketTimeoutException.class) != null
                    || SshErrors.findCause(e, TimeoutException.class) != null) {
                throw new TransportException("cannot connect to " + where + ": no SSH answer within "
                        + SshErrors.human(options.connectTimeout()), ctx, e);
            }
            throw new TransportException("cannot connect to " + where + ": " + SshErrors.describe(e), ctx, e);
        }
    }

    private static void login(SSHClient ssh, SshOptions options, List<AuthMethod> methods, ErrorContext ctx) {
        try {
            ssh.auth(options.username(), methods);
        } catch (UserAuthException e) {
            List<String> tried = new ArrayList<>();
            for (AuthMethod m : methods) {
                tried.add(m.getName());
            }
            // The cause's text is SSHJ's ("Exhausted available authentication methods"), never a secret.
            throw new AuthenticationException("login as '" + options.username() + "' refused by " + options.hostAndPort()
                    + " (tried " + String.join(", ", tried) + "; server allows "
                    + String.join(", ", ssh.getUserAuth().getAllowedMethods()) + ")", ctx, e);
        } catch (IOException | RuntimeException e) {
            throw new TransportException("login to " + options.hostAndPort() + " failed: " + SshErrors.describe(e), ctx, e);
        }
    }

    private static List<AuthMethod> authMethods(SSHClient ssh, SshOptions options, ErrorContext ctx) {
        List<AuthMethod> methods = new ArrayList<>();
        if (options.privateKey().isPresent()) {
            methods.add(new AuthPublickey(loadKey(ssh, options, ctx)));
        }
        options.password().ifPresent(p -> methods.add(new AuthPassword(finder(p))));
        return methods;
    }

    private static KeyProvider loadKey(SSHClient ssh, SshOptions options, ErrorContext ctx) {
        String file = options.privateKey().orElseThrow().toString();
        try {
            if (!Files.isReadable(options.privateKey().get())) {
                throw new NoSuchFileException(file, null, "missing or not readable");
            }
            KeyProvider key = options.passphrase().isPresent()
                    ? ssh.loadKeys(file, finder(options.passphrase().get()))
                    : ssh.loadKeys(file);
            // SSHJ parses lazily; force it here so that a bad key fails before we connect.
            key.getPrivate();
            key.getPublic();
            return key;
        } catch (KeyDecryptionFailedException e) {
            if (options.passphrase().isEmpty()) {
                throw new ConfigurationException("private key " + file + " is encrypted: give its passphrase", ctx, e);
            }
            throw new AuthenticationException("private key " + file + " cannot be decrypted: wrong passphrase", ctx, e);
        } catch (NoSuchFileException | FileNotFoundException e) {
            throw new ConfigurationException("private key " + file + " cannot be read: missing or not readable", ctx, e);
        } catch (IOException | RuntimeException e) {
            String hint = options.passphrase().isPresent() ? "" : " (if it is encrypted, give its passphrase)";
            throw new ConfigurationException("private key " + file + " cannot be loaded" + hint + ": "
                    + SshErrors.describe(e), ctx, e);
        }
    }

    /** Hands SSHJ the secret once, and never asks again: a second try would only repeat the failure. */
    private static PasswordFinder finder(Secret secret) {
        return new PasswordFinder() {
            @Override
            public char[] reqPassword(Resource<?> resource) {
                return secret.reveal().toCharArray();
            }

            @Override
            public boolean shouldRetry(Resource<?> resource) {
                return false;
            }
        };
    }

    private static int keepAliveSeconds(SshOptions options) {
        long ms = options.keepAlive().toMillis();
        return ms == 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (ms + 999) / 1000);
    }

    static void closeQuietly(SSHClient ssh) {
        try {
            ssh.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing an SSH connection failed: {}", SshErrors.describe(e));
        }
    }
}
