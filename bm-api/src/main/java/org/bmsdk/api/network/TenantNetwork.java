package org.bmsdk.api.network;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A network of one tenant, with the VLAN (and, for VXLAN, the VNI) allocated to it alone.
 *
 * @param tenant the tenant that owns it
 * @param name its name within the tenant
 * @param vlan its VLAN, no other network's
 * @param vni its VNI, or null when it has none
 */
public record TenantNetwork(String tenant, String name, VlanId vlan, Vni vni) {

    /** What tenant and network names may contain. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** Validates the components. */
    public TenantNetwork {
        check("tenant", tenant);
        check("network name", name);
        Objects.requireNonNull(vlan, "vlan");
    }

    /** @return {@code tenant/name}, the network's id */
    public String id() {
        return tenant + "/" + name;
    }

    /** @return the VNI, empty when it has none */
    public Optional<Vni> vniIfSet() {
        return Optional.ofNullable(vni);
    }

    /**
     * Checks a tenant or network name.
     *
     * @param what what it names, for the message
     * @param value the name
     * @throws IllegalArgumentException when it does not match {@link #NAME}
     */
    public static void check(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + NAME + ", but was '" + value + "'");
        }
    }
}
