package org.bmsdk.network;

import org.bmsdk.api.DriverContext;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.network.internal.CliDialect;
import org.bmsdk.network.internal.DialectDriver;

/**
 * The switch driver for Dell EMC OS10 switches, dialect {@code dell_os10}: their CLI over SSH (bm-ssh), host keys
 * verified against the endpoint's known_hosts. Found by {@link java.util.ServiceLoader} or
 * registered by hand in a {@link org.bmsdk.api.network.SwitchDriverRegistry}.
 *
 * <p>A session logs in once ({@code OS10#}), turns paging off and keeps that CLI for all its
 * operations; each operation enters {@code configure terminal}, sends its lines and leaves with
 * {@code end}. VLANs are {@code interface vlan N} named by their {@code description}; a trunk's
 * native VLAN is its {@code switchport access vlan} (OS10's untagged VLAN); since
 * {@code switchport trunk allowed vlan} adds to a trunk's list, setting a trunk reads the port first
 * and adds and removes the difference. {@link org.bmsdk.api.network.SwitchSession#save()} is
 * {@code copy running-configuration startup-configuration}. An error line ({@code % Error: ...}) is
 * a {@link org.bmsdk.api.DeviceException} naming the switch, the command and the line, and stops the
 * operation; a dropped connection is reconnected and the (idempotent) operation sent again, once.
 * LAGs are {@code interface port-channelN} with members {@code channel-group N mode active}; ACLs are
 * {@code ip access-list NAME} (prefix entries, read back from their {@code seq N} lines) bound with
 * {@code ip access-group NAME in}. A VNI is mapped through a virtual network numbered as its VLAN
 * ({@code virtual-network V}, {@code vxlan-vni N}, then {@code virtual-network V} in
 * {@code interface vlanV}), so that the driver needs no second id space; the VTEP ({@code nve}) is
 * the operator's.
 *
 * <pre>{@code
 * SwitchEndpoint tor = SwitchEndpoint.builder("tor-1", "ssh://10.0.0.2", "dell_os10")
 *         .credentials(CredentialRef.env("TOR_USER", "TOR_PASSWORD"))
 *         .knownHosts(Path.of("/etc/bm/known_hosts"))
 *         .build();
 * try (SwitchSession s = new DellOs10Driver().open(tor, DriverContext.defaults())) {
 *     s.createVlan(VlanId.of(100), "tenant-a");
 *     s.setAccessVlan("ethernet1/1/1", VlanId.of(100));
 *     s.save();
 * }
 * }</pre>
 */
public final class DellOs10Driver implements SwitchDriver {

    private final DialectDriver driver = new DialectDriver(CliDialect.DELL_OS10);

    /** Creates the driver; it does no I/O until a session is opened. */
    public DellOs10Driver() {
    }

    /** @return {@code dell_os10} */
    @Override
    public String dialect() {
        return driver.dialect();
    }

    /**
     * Opens a session and logs in.
     *
     * @param endpoint the switch; its dialect must be {@code dell_os10}
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
