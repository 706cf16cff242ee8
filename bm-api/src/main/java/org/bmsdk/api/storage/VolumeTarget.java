package org.bmsdk.api.storage;

import java.util.Objects;
import java.util.Optional;
import org.bmsdk.api.credentials.Credentials;

/**
 * Where a node finds an attached volume: the iSCSI portal, the target's IQN, the LUN and the CHAP
 * credentials. A final class, so that the CHAP secret is no record component and
 * {@link #toString()} never shows it.
 */
public final class VolumeTarget {

    private final String portal;
    private final String targetIqn;
    private final int lun;
    private final Credentials chap;

    private VolumeTarget(String portal, String targetIqn, int lun, Credentials chap) {
        this.portal = Objects.requireNonNull(portal, "portal");
        this.targetIqn = Objects.requireNonNull(targetIqn, "targetIqn");
        if (!portal.matches("\\[?[A-Za-z0-9.:-]+]?:\\d{1,5}")) {
            throw new IllegalArgumentException("portal must be host:port, but was '" + portal + "'");
        }
        if (lun < 0 || lun > 16383) {
            throw new IllegalArgumentException("lun must be in 0..16383, but was " + lun);
        }
        this.lun = lun;
        this.chap = chap;
    }

    /**
     * Creates a target.
     *
     * @param portal {@code host:port}
     * @param targetIqn the target's name
     * @param lun the logical unit
     * @param chap the CHAP credentials, or null when the target asks for none
     * @return the target
     */
    public static VolumeTarget of(String portal, String targetIqn, int lun, Credentials chap) {
        return new VolumeTarget(portal, targetIqn, lun, chap);
    }

    /** @return the portal, {@code host:port} */
    public String portal() {
        return portal;
    }

    /** @return the target's IQN */
    public String targetIqn() {
        return targetIqn;
    }

    /** @return the LUN */
    public int lun() {
        return lun;
    }

    /** @return the CHAP credentials, if the target asks for them */
    public Optional<Credentials> chap() {
        return Optional.ofNullable(chap);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VolumeTarget)) {
            return false;
        }
        VolumeTarget t = (VolumeTarget) o;
        return portal.equals(t.portal) && targetIqn.equals(t.targetIqn) && lun == t.lun && Objects.equals(chap, t.chap);
    }

    @Override
    public int hashCode() {
        return Objects.hash(portal, targetIqn, lun);
    }

    /** Shows the CHAP user name only. */
    @Override
    public String toString() {
        return "VolumeTarget[" + portal + " " + targetIqn + " lun " + lun + (chap == null ? "" : ", chap " + chap.username() + ":****") + "]";
    }
}
