package org.bmsdk.api.credentials;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where to find the credentials of a device, resolved at the moment they are used by a
 * {@link CredentialResolver}. This is what a store keeps instead of the credentials themselves:
 * a node record names {@code env:BMC_USER:BMC_PASS} or {@code file:/etc/bm/node-7.cred}, never a
 * password.
 *
 * <p>Only {@link Inline} holds clear credentials; it exists for programs that already have them in
 * memory, and a store refuses to persist it ({@link #isPersistable()}).
 *
 * <p>The text form ({@link #toUri()}, {@link #parse(String)}):
 * <ul>
 *   <li>{@code env:USER_VAR:PASSWORD_VAR}: two environment variables;
 *   <li>{@code file:/absolute/path}: a file of {@code username=...} and {@code password=...} lines;
 *   <li>{@code SCHEME:LOCATION}: looked up by a resolver the user registers for {@code SCHEME}
 *       (a vault, a secrets manager).
 * </ul>
 */
public sealed interface CredentialRef permits CredentialRef.Env, CredentialRef.File, CredentialRef.External, CredentialRef.Inline {

    /**
     * The text form of this reference, which a store persists.
     *
     * @return the text form
     * @throws IllegalStateException for {@link Inline}, which must not be persisted
     */
    String toUri();

    /**
     * Whether this reference may be written to a store: every kind but {@link Inline}.
     *
     * @return true when persistable
     */
    default boolean isPersistable() {
        return true;
    }

    /**
     * Parses the text form.
     *
     * @param uri such as {@code env:BMC_USER:BMC_PASS}
     * @return the reference
     * @throws IllegalArgumentException when malformed
     */
    static CredentialRef parse(String uri) {
        Objects.requireNonNull(uri, "uri");
        int colon = uri.indexOf(':');
        if (colon <= 0 || colon == uri.length() - 1) {
            throw new IllegalArgumentException("credential reference must be SCHEME:LOCATION, but was '" + uri + "'");
        }
        String scheme = uri.substring(0, colon);
        String rest = uri.substring(colon + 1);
        switch (scheme) {
            case "env": {
                String[] vars = rest.split(":", -1);
                if (vars.length != 2) {
                    throw new IllegalArgumentException("env reference must be env:USER_VAR:PASSWORD_VAR, but was '" + uri + "'");
                }
                return new Env(vars[0], vars[1]);
            }
            case "file":
                return new File(Path.of(rest));
            case "inline":
                throw new IllegalArgumentException("inline credentials have no text form");
            default:
                return new External(scheme, rest);
        }
    }

    /**
     * Credentials in two environment variables.
     *
     * @param usernameVariable the variable holding the user name
     * @param passwordVariable the variable holding the password
     * @return the reference
     */
    static CredentialRef env(String usernameVariable, String passwordVariable) {
        return new Env(usernameVariable, passwordVariable);
    }

    /**
     * Credentials in a file of {@code username=} and {@code password=} lines.
     *
     * @param path the file
     * @return the reference
     */
    static CredentialRef file(Path path) {
        return new File(path);
    }

    /**
     * Credentials held in memory; never persisted.
     *
     * @param credentials the credentials
     * @return the reference
     */
    static CredentialRef inline(Credentials credentials) {
        return new Inline(credentials);
    }

    /**
     * Credentials looked up by the resolver registered for {@code scheme}.
     *
     * @param scheme the resolver's scheme, such as {@code vault}
     * @param location what that resolver looks up
     * @return the reference
     */
    static CredentialRef external(String scheme, String location) {
        return new External(scheme, location);
    }

    /**
     * Credentials in two environment variables.
     *
     * @param usernameVariable the variable holding the user name
     * @param passwordVariable the variable holding the password
     */
    record Env(String usernameVariable, String passwordVariable) implements CredentialRef {
        private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

        /** Validates the variable names. */
        public Env {
            for (String v : new String[] {usernameVariable, passwordVariable}) {
                if (v == null || !NAME.matcher(v).matches()) {
                    throw new IllegalArgumentException("environment variable name must match " + NAME + ", but was '" + v + "'");
                }
            }
        }

        @Override
        public String toUri() {
            return "env:" + usernameVariable + ":" + passwordVariable;
        }
    }

    /**
     * Credentials in a file of {@code username=} and {@code password=} lines.
     *
     * @param path the file
     */
    record File(Path path) implements CredentialRef {
        /** Validates the path. */
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String toUri() {
            return "file:" + path;
        }
    }

    /**
     * Credentials looked up by a user-supplied resolver.
     *
     * @param scheme the resolver's scheme
     * @param location what it looks up
     */
    record External(String scheme, String location) implements CredentialRef {
        private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

        /** Validates the scheme. */
        public External {
            // env, file and inline have their own kinds; letting External claim them would make
            // parse(toUri()) return a different reference than the one written.
            if (scheme == null || !SCHEME.matcher(scheme).matches() || Set.of("env", "file", "inline").contains(scheme)) {
                throw new IllegalArgumentException("credential scheme must match " + SCHEME + " and not be env, file or inline, but was '"
                        + scheme + "'");
            }
            if (location == null || location.isEmpty()) {
                throw new IllegalArgumentException("credential location must not be empty for scheme " + scheme);
            }
        }

        @Override
        public String toUri() {
            return scheme + ":" + location;
        }
    }

    /** Credentials held in memory. A final class, not a record, so the credentials are no component. */
    final class Inline implements CredentialRef {
        private final Credentials credentials;

        private Inline(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        /**
         * The credentials.
         *
         * @return the credentials
         */
        public Credentials credentials() {
            return credentials;
        }

        @Override
        public String toUri() {
            throw new IllegalStateException("inline credentials must not be persisted; store an env:, file: or external reference");
        }

        @Override
        public boolean isPersistable() {
            return false;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Inline && ((Inline) o).credentials.equals(credentials);
        }

        @Override
        public int hashCode() {
            return credentials.hashCode();
        }

        @Override
        public String toString() {
            return "inline:" + credentials.username() + ":****";
        }
    }
}
