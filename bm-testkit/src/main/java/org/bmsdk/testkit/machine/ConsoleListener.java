package org.bmsdk.testkit.machine;

/**
 * Told of bytes as they pass through a {@link ConsoleLog}. Calls for one log never overlap and
 * come in the order the bytes were written; they must not block for long.
 */
@FunctionalInterface
public interface ConsoleListener {

    /**
     * Receives bytes.
     *
     * @param data the bytes, owned by the listener from now on
     */
    void onBytes(byte[] data);
}
