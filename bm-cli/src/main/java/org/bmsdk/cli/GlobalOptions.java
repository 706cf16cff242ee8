package org.bmsdk.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.api.credentials.StandardCredentialResolver;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command shares. Declared with {@code scope = INHERIT} on the top command, so
 * they may stand before or after the subcommand; picocli sets them on this one object.
 */
final class GlobalOptions {

    /** Where environment variables come from; tests replace it. */
    static Function<String, String> environment = System::getenv;

    @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URI",
            description = "The device: redfish://host:port (HTTPS), redfish+http://host:port, ipmi://host:port, ssh://host:port.")
    String endpoint;

    @Option(names = "--credentials-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "A file of username=... and password=... lines. Default: $BMCTL_USERNAME and $BMCTL_PASSWORD.")
    Path credentialsFile;

    @Option(names = "--identity", scope = ScopeType.INHERIT, paramLabel = "KEYFILE", description = "SSH private key to log in with.")
    Path identity;

    @Option(names = "--known-hosts", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "SSH known_hosts file; an unknown host key is refused. Default: ~/.ssh/known_hosts.")
    Path knownHosts = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");

    @Option(names = "--ca", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "PEM CA certificates to trust for HTTPS.")
    Path ca;

    @Option(names = "--insecure", scope = ScopeType.INHERIT, description = "Do not verify TLS certificates (logs a warning).")
    boolean insecure;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document on stdout.")
    boolean json;

    @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "The node store (an H2 database file). Default: $BMCTL_STORE, else ~/.bmctl/store.")
    Path store;

    /**
     * The global options of a running command: picocli sets inherited options on the object of
     * the command that declares them, the root, wherever they stand on the command line.
     *
     * @param spec the running command's spec
     * @return the options
     */
    static GlobalOptions of(CommandSpec spec) {
        return ((Bmctl) spec.root().userObject()).global;
    }

    /**
     * The credentials: from {@code --credentials-file}, else from the environment.
     *
     * @return the credentials
     * @throws ConfigurationException when neither gives them
     */
    Credentials credentials() {
        if (credentialsFile != null) {
            return StandardCredentialResolver.readFile(credentialsFile);
        }
        String user = environment.apply("BMCTL_USERNAME");
        String pass = environment.apply("BMCTL_PASSWORD");
        if (user == null || user.isBlank() || pass == null) {
            throw new ConfigurationException("no credentials: set BMCTL_USERNAME and BMCTL_PASSWORD, or pass --credentials-file FILE");
        }
        return Credentials.of(user, Secret.of(pass));
    }

    /**
     * The user name alone, for logins by key: from {@code --credentials-file}, else
     * {@code BMCTL_USERNAME}.
     *
     * @return the user name
     */
    String username() {
        if (credentialsFile != null) {
            // A key login needs no password, so the file need not have a password= line.
            return usernameIn(credentialsFile);
        }
        String user = environment.apply("BMCTL_USERNAME");
        if (user == null || user.isBlank()) {
            throw new ConfigurationException("no user name: set BMCTL_USERNAME, or pass --credentials-file FILE");
        }
        return user;
    }

    private static String usernameIn(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("credentials file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
        String user = null;
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("username=")) {
                user = l.substring("username=".length());
            }
        }
        if (user == null || user.isBlank()) {
            throw new ConfigurationException("credentials file " + file + " must have a username= line");
        }
        return user;
    }

    /**
     * The endpoint, which the command requires.
     *
     * @return the endpoint as given
     */
    String requireEndpoint() {
        if (endpoint == null) {
            throw new IllegalArgumentException("this command needs --endpoint URI");
        }
        return endpoint;
    }

    /**
     * The store file, created with its parent directory on first use.
     *
     * @return the path of the store (without H2's {@code .mv.db} suffix)
     */
    Path storePath() {
        Path p = store;
        if (p == null) {
            String env = environment.apply("BMCTL_STORE");
            p = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".bmctl", "store");
        }
        try {
            Files.createDirectories(p.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new ConfigurationException("cannot create the directory of store " + p + ": " + e.getMessage());
        }
        return p;
    }

    /** For tests: an environment from a map. */
    static void useEnvironment(Map<String, String> env) {
        environment = env::get;
    }
}
