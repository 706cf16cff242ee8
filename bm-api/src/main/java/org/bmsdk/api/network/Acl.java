package org.bmsdk.api.network;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A named access list bound to a switch port, built from a security group's rules.
 *
 * @param name the ACL's name on the switch: letters, digits, {@code _} and {@code -}, 1 to 32
 * @param rules the rules, in order
 */
public record Acl(String name, List<AclRule> rules) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** Validates the name and copies the rules. */
    public Acl {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("ACL name must match " + NAME + ", but was '" + name + "'");
        }
        rules = List.copyOf(rules);
    }
}
