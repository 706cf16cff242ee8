package org.bmsdk.testkit.storage;

/**
 * What a command line run on the simulated storage host printed, and its exit status.
 *
 * @param stdout its standard output
 * @param stderr its standard error
 * @param exitStatus 0 for success
 */
public record HostCommandResult(String stdout, String stderr, int exitStatus) {
}
