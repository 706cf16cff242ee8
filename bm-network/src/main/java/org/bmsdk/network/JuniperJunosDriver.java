package org.bmsdk.network;

import org.bmsdk.api.DriverContext;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.network.internal.CliDialect;
import org.bmsdk.network.internal.DialectDriver;

/**
 * The switch driver for Juniper Junos switches (EX, QFX: ELS), dialect {@code juniper_junos}: their CLI over SSH (bm-ssh), host keys
 * verified against the endpoint's known_hosts. Found by {@link java.util.ServiceLoader} or
 * registered by hand in a {@link org.bmsdk.api.network.SwitchDriverRegistry}.
 *
 * <p>A session logs in once ({@code user@host>}), turns paging off ({@code set cli screen-length 0})
 * and keeps that CLI for all its operations. Each operation enters {@code configure private} (its
 * own candidate, so another user's uncommitted changes are never committed with ours), sends its
 * {@code set}/{@code delete} lines, {@code commit}s and leaves. A commit is the save too:
 * {@link org.bmsdk.api.network.SwitchSession#save()} has nothing more to do. While another user holds
 * the configuration database ({@code error: configuration database locked by ...}) the commit is
 * sent again, up to 5 times over about 3 s, and then fails with a
 * {@link org.bmsdk.api.DeviceException} that names the lock's holder and may be retried. Any other
 * error line ({@code error: ...}, {@code syntax error.}) is a {@link org.bmsdk.api.DeviceException}
 * naming the switch, the command and the line; the uncommitted candidate is then discarded. VLANs
 * are named on Junos, so creating or deleting VLAN 100 first reads which name it has; ports name
 * their VLANs by number. A LAG is an aggregated Ethernet interface {@code aeN}
 * ({@code aggregated-ether-options lacp active}; a member loses its {@code unit 0} and joins with
 * {@code ether-options 802.3ad aeN}; the chassis's {@code aggregated-devices ethernet device-count}
 * is the operator's); a VNI is its VLAN's {@code vxlan vni N}. An ACL is a port filter, {@code firewall family
 * ethernet-switching filter NAME}, one term per rule ({@code ip-protocol},
 * {@code ip-destination-address}, {@code source-port}/{@code destination-port},
 * {@code icmp-type echo-reply}, {@code then accept}) and a last one that accepts ARP, bound with the
 * port's {@code filter input NAME}; a filter with other rules is written again in one commit.
 *
 * <pre>{@code
 * SwitchEndpoint tor = SwitchEndpoint.builder("tor-1", "ssh://10.0.0.2", "juniper_junos")
 *         .credentials(CredentialRef.env("TOR_USER", "TOR_PASSWORD"))
 *         .knownHosts(Path.of("/etc/bm/known_hosts"))
 *         .build();
 * try (SwitchSession s = new JuniperJunosDriver().open(tor, DriverContext.defaults())) {
 *     s.createVlan(VlanId.of(100), "tenant-a");
 *     s.setAccessVlan("ge-0/0/1", VlanId.of(100));
 *     s.save();
 * }
 * }</pre>
 */
public final class JuniperJunosDriver implements SwitchDriver {

    private final DialectDriver driver = new DialectDriver(CliDialect.JUNIPER_JUNOS);

    /** Creates the driver; it does no I/O until a session is opened. */
    public JuniperJunosDriver() {
    }

    /** @return {@code juniper_junos} */
    @Override
    public String dialect() {
        return driver.dialect();
    }

    /**
     * Opens a session and logs in.
     *
     * @param endpoint the switch; its dialect must be {@code juniper_junos}
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
