package org.bmsdk.testkit.ipmi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.bmsdk.api.ConfigurationException;
import org.bmsdk.api.credentials.Secret;

/**
 * One account of a simulated IPMI BMC: a name, a password (the RAKP key K_UID) and the highest
 * privilege its sessions may reach. {@link #toString()} never shows the password.
 *
 * @param name the user name, 1 to 16 bytes of ASCII (IPMI v2.0 allows no more)
 * @param password the password, at most 20 bytes
 * @param privilege the privilege limit
 */
public record IpmiUser(String name, Secret password, IpmiPrivilege privilege) {

    /** Validates the lengths IPMI imposes. */
    public IpmiUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(privilege, "privilege");
        int n = name.getBytes(StandardCharsets.US_ASCII).length;
        if (name.isEmpty() || n > 16 || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new ConfigurationException("an IPMI user name must be 1 to 16 ASCII characters, but was '" + name + "'");
        }
        if (password.revealBytes().length > 20) {
            throw new ConfigurationException("an IPMI v2.0 password must be at most 20 bytes (user " + name + ")");
        }
    }

    /**
     * A user.
     *
     * @param name the name
     * @param password the password
     * @param privilege the privilege limit
     * @return the user
     */
    public static IpmiUser of(String name, String password, IpmiPrivilege privilege) {
        return new IpmiUser(name, Secret.of(Objects.requireNonNull(password, "password")), privilege);
    }

    @Override
    public String toString() {
        return "IpmiUser[" + name + ", " + privilege + "]";
    }
}
