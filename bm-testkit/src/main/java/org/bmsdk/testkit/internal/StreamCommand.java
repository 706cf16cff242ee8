package org.bmsdk.testkit.internal;

import java.io.InputStream;
import java.io.OutputStream;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.command.Command;

/**
 * What every simulated SSH command and shell of the test kit (switch CLIs, the storage host, the
 * service ramdisk, vendor consoles) shares: the streams and exit callback MINA SSHD hands over
 * before {@code start}, and the daemon threads that serve them, so a test's JVM never waits on one.
 */
public abstract class StreamCommand implements Command {

    /** What the client sends. */
    protected InputStream in;
    /** The channel's standard output. */
    protected OutputStream out;
    /** The channel's standard error. */
    protected OutputStream err;
    /** Told the exit status once the command ends. */
    protected ExitCallback exit;

    @Override
    public final void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public final void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public final void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public final void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    /**
     * Starts a daemon thread.
     *
     * @param name its name
     * @param body what it runs
     * @return the started thread
     */
    protected static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
