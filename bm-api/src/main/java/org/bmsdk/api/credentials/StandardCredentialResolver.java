package org.bmsdk.api.credentials;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.bmsdk.api.ConfigurationException;

/**
 * Resolves {@code env:} references from the environment, {@code file:} references from files of
 * {@code username=} and {@code password=} lines (the format of {@code bmctl --credentials-file}),
 * inline references as they are, and any other scheme through a resolver registered for it.
 */
public final class StandardCredentialResolver implements CredentialResolver {

    private final Function<String, String> environment;
    private final Map<String, CredentialResolver> external;

    private StandardCredentialResolver(Builder b) {
        this.environment = b.environment;
        this.external = Map.copyOf(b.external);
    }

    /**
     * Starts a resolver that reads the process environment.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Credentials resolve(CredentialRef ref) {
        Objects.requireNonNull(ref, "ref");
        if (ref instanceof CredentialRef.Inline inline) {
            return inline.credentials();
        }
        if (ref instanceof CredentialRef.Env env) {
            String user = environment.apply(env.usernameVariable());
            String pass = environment.apply(env.passwordVariable());
            if (user == null || user.isBlank() || pass == null) {
                throw new ConfigurationException("credentials " + ref.toUri() + " cannot be resolved: "
                        + (user == null || user.isBlank() ? env.usernameVariable() : env.passwordVariable()) + " is not set");
            }
            return Credentials.of(user, Secret.of(pass));
        }
        if (ref instanceof CredentialRef.File file) {
            return readFile(file.path());
        }
        CredentialRef.External ext = (CredentialRef.External) ref;
        CredentialResolver resolver = external.get(ext.scheme());
        if (resolver == null) {
            throw new ConfigurationException("credentials " + ref.toUri() + " cannot be resolved: no resolver for scheme '"
                    + ext.scheme() + "'; known: env, file" + (external.isEmpty() ? "" : ", " + String.join(", ", external.keySet())));
        }
        return resolver.resolve(ref);
    }

    /**
     * Reads a credentials file: lines {@code username=...} and {@code password=...}; blank lines and
     * lines starting with {@code #} are ignored.
     *
     * @param path the file
     * @return the credentials
     * @throws ConfigurationException when the file is missing or lacks a line
     */
    public static Credentials readFile(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigurationException("credentials file " + path + " cannot be read: " + e.getClass().getSimpleName());
        }
        String user = null;
        String pass = null;
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (l.startsWith("username=")) {
                user = l.substring("username=".length());
            } else if (line.stripLeading().startsWith("password=")) {
                // Keep trailing spaces of a password: they may be part of it.
                pass = line.stripLeading().substring("password=".length());
            }
        }
        if (user == null || user.isBlank() || pass == null) {
            throw new ConfigurationException("credentials file " + path + " must have a username= and a password= line");
        }
        return Credentials.of(user, Secret.of(pass));
    }

    /** Builds a {@link StandardCredentialResolver}. */
    public static final class Builder {
        private Function<String, String> environment = System::getenv;
        private final Map<String, CredentialResolver> external = new HashMap<>();

        private Builder() {
        }

        /**
         * Where environment variables are read; tests pass a map's {@code get}.
         *
         * @param environment variable name to value, null when unset
         * @return this builder
         */
        public Builder environment(Function<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /**
         * Registers a resolver for references of another scheme.
         *
         * @param scheme such as {@code vault}
         * @param resolver the resolver
         * @return this builder
         */
        public Builder register(String scheme, CredentialResolver resolver) {
            CredentialRef.external(scheme, "-"); // validates the scheme the same way references do
            external.put(scheme, Objects.requireNonNull(resolver, "resolver"));
            return this;
        }

        /**
         * Builds the resolver.
         *
         * @return the resolver
         */
        public StandardCredentialResolver build() {
            return new StandardCredentialResolver(this);
        }
    }
}
