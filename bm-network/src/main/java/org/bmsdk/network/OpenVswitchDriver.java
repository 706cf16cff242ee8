package org.bmsdk.network;

import java.util.Objects;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.api.network.SwitchSession;
import org.bmsdk.network.internal.OvsSwitchSession;

/**
 * The switch driver for Open vSwitch on a Linux host, dialect {@code ovs_linux} (netmiko's name):
 * {@code ovs-vsctl} command lines run over SSH exec (bm-ssh), on one connection per session, the
 * host key verified against the endpoint's known_hosts. The login needs to reach the OVS database
 * (root, or a user allowed on its socket).
 *
 * <p>Ports are configured in the Port table ({@code vlan_mode}, {@code tag}, {@code trunks}), each
 * operation in one ovs-vsctl transaction; shutting a port sets its OpenFlow {@code PORT_DOWN},
 * {@code NO_FWD} and {@code NO_RECV} flags ({@code ovs-ofctl mod-port BRIDGE PORT down}, ...), so
 * that ovs-vswitchd forwards nothing to or from it and the interface's {@code admin_state} shows
 * {@code down}; those flags are not kept across a restart of ovs-vswitchd.
 * Open vSwitch has no VLAN database and persists every change at once, so creating and deleting a
 * VLAN and saving send nothing. A trunk's {@code trunks} list always holds VLAN 4095 (reserved),
 * because an empty list means every VLAN to Open vSwitch. A failed command is a
 * {@link org.bmsdk.api.DeviceException} naming the switch, the command and its error line. A LAG
 * is a bond ({@code lacp=active}) made of the members' own Interface rows; deleting it gives each
 * member a port of its own that carries nothing (a trunk of VLAN 4095 only). ACLs and VXLAN maps
 * are {@link org.bmsdk.api.UnsupportedCapabilityException}s that say why: Open vSwitch does them
 * with OpenFlow rules and tunnel ports, which this driver does not program.
 *
 * <pre>{@code
 * SwitchEndpoint host = SwitchEndpoint.builder("ovs-1", "ssh://10.0.0.9", "ovs_linux")
 *         .credentials(CredentialRef.env("OVS_USER", "OVS_PASSWORD"))
 *         .knownHosts(Path.of("/etc/bm/known_hosts"))
 *         .build();
 * try (SwitchSession s = new OpenVswitchDriver().open(host, DriverContext.defaults())) {
 *     s.setAccessVlan("tap-node1", VlanId.of(100));
 * }
 * }</pre>
 */
public final class OpenVswitchDriver implements SwitchDriver {

    /** Creates the driver; it does no I/O until a session is opened. */
    public OpenVswitchDriver() {
    }

    /** @return {@code ovs_linux} */
    @Override
    public String dialect() {
        return OvsSwitchSession.DIALECT;
    }

    /**
     * Opens a session and logs in.
     *
     * @param endpoint the Open vSwitch host; its dialect must be {@code ovs_linux}
     * @param context clock, listener and credential resolver
     * @return the logged-in session; close it when done
     * @throws org.bmsdk.api.AuthenticationException when the host key is unknown or the login is refused
     * @throws org.bmsdk.api.TransportException when the host cannot be reached
     */
    @Override
    public SwitchSession open(SwitchEndpoint endpoint, DriverContext context) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(context, "context");
        OvsSwitchSession session = new OvsSwitchSession(endpoint, context);
        session.connect();
        return session;
    }
}
