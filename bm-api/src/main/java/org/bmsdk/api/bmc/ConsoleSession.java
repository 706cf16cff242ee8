package org.bmsdk.api.bmc;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * One open serial console: what the machine writes arrives on {@link #input()}, what is written to
 * {@link #output()} reaches the machine as keystrokes. Closing ends this session only.
 */
public interface ConsoleSession extends AutoCloseable {

    /** @return the machine's console output */
    InputStream input();

    /** @return keystrokes to the machine */
    OutputStream output();

    /** Ends the session and releases the BMC's console. */
    @Override
    void close();
}
