package org.bmsdk.network;

import org.bmsdk.api.DriverContext;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.network.internal.CliDialect;
import org.bmsdk.network.internal.DialectDriver;

/**
 * The switch driver for SONiC switches, dialect {@code sonic}: their CLI over SSH (bm-ssh), host keys
 * verified against the endpoint's known_hosts. Found by {@link java.util.ServiceLoader} or
 * registered by hand in a {@link org.bmsdk.api.network.SwitchDriverRegistry}.
 *
 * <p>A session logs in once ({@code admin@host:~$}) and keeps that shell for all its operations.
 * Each operation reads the VLAN memberships ({@code show vlan config}, {@code show interfaces
 * status}), becomes root ({@code sudo su}, with the login password when sudo asks), sends only the
 * click commands that change something ({@code config vlan add}, {@code config vlan member add -u}
 * and so on; SONiC refuses to do what is done already) and leaves the root shell.
 * {@link org.bmsdk.api.network.SwitchSession#save()} is {@code config save -y}. SONiC has no port
 * mode and no VLAN names: a port without a tagged VLAN reads back as an access port, and the name
 * given to a VLAN is not kept. An {@code Error: ...} line is a {@link org.bmsdk.api.DeviceException}
 * naming the switch, the command and the line. A LAG is a PortChannel ({@code config portchannel
 * add PortChannelN}, {@code config portchannel member add}; a member's VLAN memberships are removed
 * first, as SONiC requires). An ACL is an ingress L3 ACL table ({@code config acl add table NAME L3
 * -p PORTS -s ingress}) whose rules are written to CONFIG_DB as acl-loader writes them
 * ({@code sonic-db-cli CONFIG_DB hset "ACL_RULE|NAME|RULE_i" ...}, and a {@code DEFAULT_RULE} that
 * drops the rest of IPv4), read back from {@code show acl table} and {@code show acl rule}; a bound
 * table's rules are rewritten behind a rule that drops all IPv4, so its ports fail closed meanwhile.
 * A VNI is mapped on the operator's VTEP ({@code config vxlan add NAME IP}, which must exist: a
 * {@link org.bmsdk.api.ConfigurationException} says so otherwise) with {@code config vxlan map add
 * NAME VLAN VNI}, read back from {@code show vxlan vlanvnimap}; a VLAN's map is deleted before the
 * VLAN, which SONiC requires.
 *
 * <pre>{@code
 * SwitchEndpoint tor = SwitchEndpoint.builder("tor-1", "ssh://10.0.0.2", "sonic")
 *         .credentials(CredentialRef.env("TOR_USER", "TOR_PASSWORD"))
 *         .knownHosts(Path.of("/etc/bm/known_hosts"))
 *         .build();
 * try (SwitchSession s = new SonicDriver().open(tor, DriverContext.defaults())) {
 *     s.createVlan(VlanId.of(100), "tenant-a");
 *     s.setAccessVlan("Ethernet0", VlanId.of(100));
 *     s.save();
 * }
 * }</pre>
 */
public final class SonicDriver implements SwitchDriver {

    private final DialectDriver driver = new DialectDriver(CliDialect.SONIC);

    /** Creates the driver; it does no I/O until a session is opened. */
    public SonicDriver() {
    }

    /** @return {@code sonic} */
    @Override
    public String dialect() {
        return driver.dialect();
    }

    /**
     * Opens a session and logs in.
     *
     * @param endpoint the switch; its dialect must be {@code sonic}
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
