package org.bmsdk.api.credentials;

import java.util.Objects;

/**
 * A user name and its password, as a BMC, a switch or a storage host asks for them. A final class
 * rather than a record so that the password is never a record component, and {@link #toString()}
 * never shows it.
 */
public final class Credentials {

    private final String username;
    private final Secret password;

    private Credentials(String username, Secret password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
    }

    /**
     * Creates credentials.
     *
     * @param username the user name, not blank
     * @param password the password
     * @return the credentials
     */
    public static Credentials of(String username, Secret password) {
        return new Credentials(username, password);
    }

    /**
     * Creates credentials from a clear password.
     *
     * @param username the user name, not blank
     * @param password the password
     * @return the credentials
     */
    public static Credentials of(String username, String password) {
        return new Credentials(username, Secret.of(password));
    }

    /**
     * The user name.
     *
     * @return the user name
     */
    public String username() {
        return username;
    }

    /**
     * The password.
     *
     * @return the password, which prints redacted
     */
    public Secret password() {
        return password;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials
                && ((Credentials) o).username.equals(username)
                && ((Credentials) o).password.equals(password);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    /** Shows the user name only. */
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=****]";
    }
}
