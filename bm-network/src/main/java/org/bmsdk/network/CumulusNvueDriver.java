package org.bmsdk.network;

import org.bmsdk.api.DriverContext;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.network.internal.CliDialect;
import org.bmsdk.network.internal.DialectDriver;

/**
 * The switch driver for Cumulus Linux (NVUE) switches, dialect {@code cumulus_nvue}: their CLI over SSH (bm-ssh), host keys
 * verified against the endpoint's known_hosts. Found by {@link java.util.ServiceLoader} or
 * registered by hand in a {@link org.bmsdk.api.network.SwitchDriverRegistry}.
 *
 * <p>A session logs in once ({@code cumulus@host:mgmt:~$}) and keeps that shell for all its
 * operations. Each operation stages its {@code nv set}/{@code nv unset} lines in a pending revision
 * and applies them at once with {@code nv config apply -y};
 * {@link org.bmsdk.api.network.SwitchSession#save()} is {@code nv config save}. When a line or the
 * apply fails ({@code Error: ...}), the revision is thrown away ({@code nv config detach}) and the
 * error is a {@link org.bmsdk.api.DeviceException} naming the switch, the command and the line. NVUE
 * VLANs have no names: the name given is not kept. A LAG is a bond, {@code bondN} ({@code nv set
 * interface bondN bond member swpX}, {@code bond mode lacp}; a member leaves the bridge first), with
 * VLANs set on the bond; a VNI is the bridge VLAN's {@code vni} ({@code nv set bridge domain
 * br_default vlan V vni N}, with {@code nv set nve vxlan enable on}; the VTEP source address is the
 * operator's). An ACL is an IPv4 ACL ({@code nv set acl NAME type ipv4}), one rule per
 * security-group rule ({@code match ip protocol|dest-ip}, {@code match ip tcp|udp
 * source-port|dest-port}, {@code match ip icmp-type echo-reply}, {@code action permit}) and a last
 * rule 65000 that denies the rest of IPv4, bound with {@code nv set interface swpN acl NAME inbound};
 * an ACL with other rules is written again in the same revision.
 *
 * <pre>{@code
 * SwitchEndpoint tor = SwitchEndpoint.builder("tor-1", "ssh://10.0.0.2", "cumulus_nvue")
 *         .credentials(CredentialRef.env("TOR_USER", "TOR_PASSWORD"))
 *         .knownHosts(Path.of("/etc/bm/known_hosts"))
 *         .build();
 * try (SwitchSession s = new CumulusNvueDriver().open(tor, DriverContext.defaults())) {
 *     s.createVlan(VlanId.of(100), "tenant-a");
 *     s.setAccessVlan("swp1", VlanId.of(100));
 *     s.save();
 * }
 * }</pre>
 */
public final class CumulusNvueDriver implements SwitchDriver {

    private final DialectDriver driver = new DialectDriver(CliDialect.CUMULUS_NVUE);

    /** Creates the driver; it does no I/O until a session is opened. */
    public CumulusNvueDriver() {
    }

    /** @return {@code cumulus_nvue} */
    @Override
    public String dialect() {
        return driver.dialect();
    }

    /**
     * Opens a session and logs in.
     *
     * @param endpoint the switch; its dialect must be {@code cumulus_nvue}
     * @param context clock, listener and credential resolver
     * @return the logged-in session; close it when done
     * @throws org.bmsdk.api.AuthenticationException when the host key is unknown or the login is refused
     * @throws org.bmsdk.api.TransportException when the switch cannot be reached
     */
    @Override
    public SwitchSession open(SwitchEndpoint endpoint, DriverContext context) {
        return driver.open(endpoint, context);
    }
}
