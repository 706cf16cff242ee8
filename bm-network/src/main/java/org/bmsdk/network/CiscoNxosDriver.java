package org.bmsdk.network;

import org.bmsdk.api.DriverContext;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.network.internal.CliDialect;
import org.bmsdk.network.internal.CliSwitchDriver;

/**
 * The switch driver for Cisco NX-OS (Nexus) switches, dialect {@code cisco_nxos}: their CLI over
 * SSH (bm-ssh), host keys verified against the endpoint's known_hosts. Found by {@link java.util.ServiceLoader} or
 * registered by hand in a {@link org.bmsdk.api.network.SwitchDriverRegistry}.
 *
 * <p>A session logs in once, enters privileged EXEC (with the login password when the switch asks
 * for one), turns paging off and keeps that CLI for all its operations; each operation enters
 * configuration mode, sends its lines and leaves it. An error line of the switch ({@code % ...})
 * is a {@link org.bmsdk.api.DeviceException} naming the switch, the command and the line, and
 * stops the operation; a dropped connection is reconnected and the (idempotent) operation sent
 * again, once; a command that takes longer than the endpoint's command timeout is an
 * {@link org.bmsdk.api.OperationTimeoutException}.
 *
 * <p>LAGs are {@code interface port-channelN} with members in {@code channel-group N mode active}
 * (after {@code feature lacp}); ACLs are {@code ip access-list NAME} bound with
 * {@code ip port access-group NAME in} (NX-OS port ACLs are inbound only), ending in the implicit
 * deny; VNIs are mapped with {@code vn-segment N} under {@code vlan V} and {@code member vni N}
 * under {@code interface nve1} (after {@code feature nv overlay} and
 * {@code feature vn-segment-vlan-based}), only to a VLAN that exists, since {@code vlan V} would
 * create it. See docs/NETWORK.md.
 *
 * <pre>{@code
 * SwitchEndpoint tor = SwitchEndpoint.builder("tor-1", "ssh://10.0.0.2", "cisco_nxos")
 *         .credentials(CredentialRef.env("TOR_USER", "TOR_PASSWORD"))
 *         .knownHosts(Path.of("/etc/bm/known_hosts"))
 *         .build();
 * try (SwitchSession s = new CiscoNxosDriver().open(tor, DriverContext.defaults())) {
 *     s.createVlan(VlanId.of(100), "tenant-a");
 *     s.setAccessVlan("Ethernet1/1", VlanId.of(100));
 *     s.save();
 * }
 * }</pre>
 */
public final class CiscoNxosDriver implements SwitchDriver {

    private final CliSwitchDriver driver = new CliSwitchDriver(CliDialect.CISCO_NXOS);

    /** Creates the driver; it does no I/O until a session is opened. */
    public CiscoNxosDriver() {
    }

    /** @return {@code cisco_nxos} */
    @Override
    public String dialect() {
        return driver.dialect();
    }

    /**
     * Opens a session and logs in.
     *
     * @param endpoint the switch; its dialect must be {@code cisco_nxos}
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
