package org.bmsdk.api.lifecycle;

/**
 * The transition table as the Javadoc of {@link TransitionTable#standard()} states it, written out
 * a second time, independently of the main code, so that the properties compare the machine with
 * what we promised rather than with itself.
 *
 * <p>One row a line: {@code from event to}. {@code S[->X]} applies only while the target is X;
 * {@code S->X} is a step in progress leading to X; commas list several states or events.
 */
final class ExpectedTransitions {

    static final String ROWS = """
            ENROLL                 MANAGE        VERIFYING->MANAGEABLE
            VERIFYING              DONE          MANAGEABLE
            VERIFYING              FAIL          ENROLL
            MANAGEABLE             INSPECT       INSPECTING->MANAGEABLE
            MANAGEABLE             PROVIDE       CLEANING->AVAILABLE
            MANAGEABLE             CLEAN         CLEANING->MANAGEABLE
            INSPECTING             DONE          MANAGEABLE
            INSPECTING             FAIL,ABORT    INSPECT_FAILED
            INSPECT_FAILED         INSPECT       INSPECTING->MANAGEABLE
            INSPECT_FAILED         MANAGE        MANAGEABLE
            CLEANING[->AVAILABLE]  DONE          AVAILABLE
            CLEANING[->MANAGEABLE] DONE          MANAGEABLE
            CLEANING               FAIL,ABORT    CLEAN_FAILED
            CLEAN_FAILED           MANAGE        MANAGEABLE
            AVAILABLE              DEPLOY        DEPLOYING->ACTIVE
            AVAILABLE              MANAGE        MANAGEABLE
            DEPLOYING              DONE          ACTIVE
            DEPLOYING              FAIL,ABORT    DEPLOY_FAILED
            DEPLOY_FAILED          DEPLOY        DEPLOYING->ACTIVE
            DEPLOY_FAILED          DELETE        DELETING->AVAILABLE
            ACTIVE                 DELETE        DELETING->AVAILABLE
            ACTIVE                 RESCUE        RESCUING->RESCUE
            DELETING               DONE          CLEANING->AVAILABLE
            DELETING               FAIL          ERROR
            ERROR                  DELETE        DELETING->AVAILABLE
            RESCUING               DONE          RESCUE
            RESCUING               FAIL,ABORT    RESCUE_FAILED
            RESCUE,RESCUE_FAILED   RESCUE        RESCUING->RESCUE
            RESCUE,RESCUE_FAILED   UNRESCUE      UNRESCUING->ACTIVE
            RESCUE,RESCUE_FAILED   DELETE        DELETING->AVAILABLE
            UNRESCUING             DONE          ACTIVE
            UNRESCUING             FAIL          RESCUE_FAILED
            """;

    private ExpectedTransitions() {
    }

    /** The expected table, built through the public builder. */
    static TransitionTable table() {
        TransitionTable.Builder b = TransitionTable.builder();
        for (String line : ROWS.strip().split("\n")) {
            String[] cols = line.strip().split("\\s+");
            String fromCol = cols[0];
            ProvisionState whenTarget = null;
            int bracket = fromCol.indexOf("[->");
            if (bracket >= 0) {
                whenTarget = ProvisionState.valueOf(fromCol.substring(bracket + 3, fromCol.length() - 1));
                fromCol = fromCol.substring(0, bracket);
            }
            String[] to = cols[2].split("->");
            ProvisionState toState = ProvisionState.valueOf(to[0]);
            ProvisionState target = to.length > 1 ? ProvisionState.valueOf(to[1]) : toState;
            for (String from : fromCol.split(",")) {
                for (String event : cols[1].split(",")) {
                    TransitionRule rule = TransitionRule.of(ProvisionState.valueOf(from), LifecycleEvent.valueOf(event),
                            toState, target);
                    b.add(whenTarget == null ? rule : rule.onlyWhenTarget(whenTarget));
                }
            }
        }
        return b.build();
    }
}
