package org.bmsdk.api.lifecycle;

/**
 * Where a node stands in its life, after OpenStack Ironic's provision states. Stable states are
 * those a node rests in; the others are steps in progress ({@link #isTransient()}) or failures
 * ({@link #isFailure()}).
 */
public enum ProvisionState {
    /** Just registered; nothing is known to work yet. */
    ENROLL(false, false),
    /** Checking that the BMC answers and the credentials are good. */
    VERIFYING(true, false),
    /** Under the operator's control, not offered to tenants. */
    MANAGEABLE(false, false),
    /** Reading the hardware inventory and switch connections. */
    INSPECTING(true, false),
    /** Inspection failed; back to MANAGEABLE once fixed. */
    INSPECT_FAILED(false, true),
    /** Erasing disks and resetting the BIOS on the cleaning network. */
    CLEANING(true, false),
    /** Cleaning failed; the node is never offered before it is cleaned again. */
    CLEAN_FAILED(false, true),
    /** Clean and free for a tenant. */
    AVAILABLE(false, false),
    /** Being provisioned for a tenant. */
    DEPLOYING(true, false),
    /** Provisioning failed. */
    DEPLOY_FAILED(false, true),
    /** Running for its tenant. */
    ACTIVE(false, false),
    /** Being released by its tenant: powered off, networks and volumes detached. */
    DELETING(true, false),
    /** Releasing failed; it must be cleaned before anything else. */
    ERROR(false, true),
    /** Booting the rescue ramdisk for its tenant. */
    RESCUING(true, false),
    /** In the rescue ramdisk. */
    RESCUE(false, false),
    /** Rescue failed. */
    RESCUE_FAILED(false, true),
    /** Leaving the rescue ramdisk for the tenant's own system. */
    UNRESCUING(true, false);

    private final boolean isTransient;
    private final boolean failure;

    ProvisionState(boolean isTransient, boolean failure) {
        this.isTransient = isTransient;
        this.failure = failure;
    }

    /**
     * Whether this is a step in progress, which a crashed controller must resume or fail.
     *
     * @return true for VERIFYING, INSPECTING, CLEANING, DEPLOYING, DELETING, RESCUING, UNRESCUING
     */
    public boolean isTransient() {
        return isTransient;
    }

    /**
     * Whether this state records a failure.
     *
     * @return true for the *_FAILED states and ERROR
     */
    public boolean isFailure() {
        return failure;
    }
}
