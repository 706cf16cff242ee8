package org.bmsdk.api.workflow.internal;

/**
 * What a step reports.
 *
 * @param skipped true when there was nothing to do here
 * @param detail what it did, or why it was skipped
 */
public record StepResult(boolean skipped, String detail) {

    /**
     * @param detail what it did
     * @return a step that did its work
     */
    public static StepResult done(String detail) {
        return new StepResult(false, detail);
    }

    /**
     * @param reason why there was nothing to do
     * @return a skipped step
     */
    public static StepResult skipped(String reason) {
        return new StepResult(true, reason);
    }
}
