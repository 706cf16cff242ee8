package org.bmsdk.storage.iscsi.internal;

import java.util.Set;

/**
 * The attach and detach rules of {@link org.bmsdk.api.storage.BlockStorage}, as pure decisions on
 * what the host shows (the target, if any, and its ACL), so that a property can check them
 * against a model and the driver only carries them out.
 */
public final class ExportRules {

    private ExportRules() {
    }

    /** What an attach does. */
    public enum Attach {
        /** The target exists and the initiator is in its ACL: nothing to change. */
        ALREADY,
        /** No target yet: create it, its LUN, its CHAP account, and bind the initiator. */
        CREATE_TARGET,
        /** The target exists and may take this initiator too (shareable, or a half-made target with an empty ACL). */
        BIND,
        /** Exported to another node and not shareable. */
        CONFLICT
    }

    /** What a detach does. */
    public enum Detach {
        /** Not exported to this initiator: nothing to change. */
        NOTHING,
        /** Others still use the target: only unbind this initiator. */
        UNBIND,
        /** This was the last initiator (or the target is half-made): delete the target. */
        DELETE_TARGET
    }

    /**
     * Decides an attach.
     *
     * @param targetExists whether the volume's target exists
     * @param initiators the initiator names in its ACL
     * @param shareable whether the volume was created shareable
     * @param initiator the node's initiator name
     * @return what to do
     */
    public static Attach attach(boolean targetExists, Set<String> initiators, boolean shareable, String initiator) {
        if (!targetExists) {
            return Attach.CREATE_TARGET;
        }
        if (initiators.contains(initiator)) {
            return Attach.ALREADY;
        }
        return initiators.isEmpty() || shareable ? Attach.BIND : Attach.CONFLICT;
    }

    /**
     * Decides a detach.
     *
     * @param targetExists whether the volume's target exists
     * @param initiators the initiator names in its ACL
     * @param initiator the node's initiator name
     * @return what to do
     */
    public static Detach detach(boolean targetExists, Set<String> initiators, String initiator) {
        if (!targetExists) {
            return Detach.NOTHING;
        }
        if (initiators.isEmpty()) {
            return Detach.DELETE_TARGET;
        }
        if (!initiators.contains(initiator)) {
            return Detach.NOTHING;
        }
        return initiators.size() == 1 ? Detach.DELETE_TARGET : Detach.UNBIND;
    }
}
