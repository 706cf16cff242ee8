package org.bmsdk.network.internal;

import org.bmsdk.api.network.PortIntent;
import org.bmsdk.api.network.PortState;
import org.bmsdk.api.network.SwitchSession;

/**
 * Turns a port's intent into the {@link SwitchSession} calls that take it from its current state
 * there, sending only what differs. A port that changes mode while up is shut down first and
 * enabled last, so that it never carries traffic in a half-made state (access to trunk passes
 * through {@code switchport mode trunk} with whatever allowed list the port had, on a real switch
 * for a moment); a move between access VLANs is one line and needs no shutdown.
 */
public final class PortRenderer {

    private PortRenderer() {
    }

    /**
     * Sends what the port needs.
     *
     * @param s the session
     * @param intent the desired state
     * @param current the state read back, or null when unknown
     */
    public static void apply(SwitchSession s, PortIntent intent, PortState current) {
        String port = intent.port();
        if (intent.kind() == PortIntent.Kind.IDLE) {
            s.setIdle(port, intent.vlan());
            return;
        }
        boolean access = intent.kind() == PortIntent.Kind.ACCESS;
        PortState.Mode mode = access ? PortState.Mode.ACCESS : PortState.Mode.TRUNK;
        boolean modeChange = current == null || current.mode() != mode;
        boolean wasUp = current == null || current.enabled();
        boolean shutFirst = modeChange && wasUp;
        if (shutFirst) {
            s.setPortEnabled(port, false);
        }
        if (access) {
            if (modeChange || !intent.vlan().equals(current.accessVlan())) {
                s.setAccessVlan(port, intent.vlan());
            }
        } else if (modeChange || !java.util.Objects.equals(intent.nativeVlan(), current.nativeVlan())
                || !intent.allowed().equals(current.allowedVlans())) {
            s.setTrunk(port, intent.nativeVlan(), intent.allowed());
        }
        if (shutFirst || !wasUp) {
            s.setPortEnabled(port, true);
        }
    }
}
