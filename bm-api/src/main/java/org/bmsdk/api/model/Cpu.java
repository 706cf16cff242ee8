package org.bmsdk.api.model;

import java.util.Objects;

/**
 * One CPU socket.
 *
 * @param arch the instruction set, normalised to {@code x86_64}, {@code aarch64}, {@code ppc64le}
 *     and the like
 * @param model the model name as the device reports it
 * @param cores physical cores in the socket, at least 1
 * @param threads hardware threads in the socket, at least {@code cores}
 */
public record Cpu(String arch, String model, int cores, int threads) {

    /** Validates the counts. */
    public Cpu {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(model, "model");
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be at least 1, but was " + cores);
        }
        if (threads < cores) {
            throw new IllegalArgumentException("threads must be at least cores (" + cores + "), but was " + threads);
        }
        arch = normaliseArch(arch);
    }

    /**
     * Normalises the names that BMCs use for an architecture ({@code x86-64}, {@code AMD64},
     * {@code ARM-A64}...) to the names Linux uses.
     *
     * @param raw the device's name
     * @return the normalised name, or the input in lower case when unknown
     */
    public static String normaliseArch(String raw) {
        String a = raw.strip().toLowerCase(java.util.Locale.ROOT);
        switch (a) {
            case "x86-64":
            case "x86_64":
            case "amd64":
            case "x64":
                return "x86_64";
            case "arm-a64":
            case "aarch64":
            case "arm64":
                return "aarch64";
            case "power":
            case "ppc64le":
                return "ppc64le";
            default:
                return a;
        }
    }
}
