package org.bmsdk.testkit.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.bmsdk.testkit.internal.StreamCommand;
import org.bmsdk.testkit.console.VendorConsoleFlavor;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.bmsdk.testkit.machine.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A vendor BMC's CLI on an SSH shell channel, as far as the serial console goes: the login banner
 * and prompt, the command that connects the host's serial console ({@code console com2} on iDRAC,
 * {@code vsp} on iLO), the console itself (the machine's output streamed, keystrokes typed into it,
 * no echo: the host echoes) and the escape back to the prompt. Other commands answer as the real
 * CLIs answer an unknown one.
 *
 * <p>Everything sent to the client goes through one queue and a writer thread, so the machine's
 * console is never held up by a slow client; a client more than {@value #MAX_QUEUED} chunks behind
 * loses console output, as a real BMC's serial buffer overflows.
 */
public final class VendorShell extends StreamCommand {

    private static final Logger LOG = LoggerFactory.getLogger(VendorShell.class);
    private static final int MAX_QUEUED = 4096;
    private static final byte[] END = new byte[0];
    private static final byte CTRL_BACKSLASH = 0x1c;
    private static final byte ESC = 0x1b;

    private final VendorConsoleFlavor flavor;
    private final SimulatedMachine machine;
    private final Consumer<String> commandLog;
    private final AtomicInteger consoles;
    private final LinkedBlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private volatile boolean done;
    private volatile Subscription console;
    private final ConsoleEscape escape;
    private final java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * @param flavor the vendor's CLI
     * @param machine the host whose serial console it connects
     * @param commandLog told every command line typed at the CLI prompt
     * @param consoles the count of consoles connected now, kept up to date
     */
    public VendorShell(VendorConsoleFlavor flavor, SimulatedMachine machine, Consumer<String> commandLog,
            AtomicInteger consoles) {
        this.flavor = flavor;
        this.machine = machine;
        this.commandLog = commandLog;
        this.consoles = consoles;
        this.escape = new ConsoleEscape(flavor == VendorConsoleFlavor.ILO ? new byte[] {ESC, '('} : new byte[] {CTRL_BACKSLASH});
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        daemon("sim-vendor-console-out-" + machine.name(), this::writer);
        daemon("sim-vendor-console-" + machine.name(), this::loop);
    }

    @Override
    public void destroy(ChannelSession channel) {
        finish();
    }

    private String prompt() {
        return flavor == VendorConsoleFlavor.ILO ? "</>hpiLO-> " : "racadm>>";
    }

    private String banner() {
        if (flavor == VendorConsoleFlavor.ILO) {
            return "User:" + "root" + " logged-in to ILO" + machine.name() + "(127.0.0.1 / FE80::1)\r\n"
                    + "iLO 5 Standard 2.30 at  Jun 11 2020\r\nServer Name: " + machine.name() + "\r\nServer Power: "
                    + (machine.powerState() == org.bmsdk.api.bmc.PowerState.ON ? "On" : "Off") + "\r\n\r\n";
        }
        return "\r\n";
    }

    private void loop() {
        StringBuilder line = new StringBuilder();
        byte[] chunk = new byte[4096];
        try {
            send(banner() + prompt());
            int n;
            while (!done && (n = in.read(chunk)) >= 0) {
                if (console != null) {
                    n = toConsole(chunk, n);
                    if (n <= 0) {
                        continue;
                    }
                    // the escape came mid-chunk: what followed it is CLI input again
                }
                cli(chunk, n, line);
            }
        } catch (IOException e) {
            LOG.debug("{}: vendor console session ended: {}", machine.name(), e.toString());
        } finally {
            finish();
        }
    }

    /**
     * Passes keystrokes to the machine up to the escape. Returns how many bytes at the end of
     * {@code chunk} follow the escape (moved to its start), or 0 when the console is still connected.
     */
    private int toConsole(byte[] chunk, int n) {
        ConsoleEscape.Scan scan = escape.feed(chunk, 0, n);
        type(scan.toMachine(), 0, scan.toMachine().length);
        return scan.escaped() ? leaveConsole(chunk, n, scan.escapedAt()) : 0;
    }

    /** Leaves the console for the prompt; the bytes from {@code from} on are CLI input, moved to the start. */
    private int leaveConsole(byte[] chunk, int n, int from) {
        disconnectConsole();
        send("\r\n" + prompt());
        int rest = n - from;
        System.arraycopy(chunk, from, chunk, 0, rest);
        return rest;
    }

    private void type(byte[] b, int off, int len) {
        if (len > 0) {
            machine.console().type(Arrays.copyOfRange(b, off, off + len));
        }
    }

    private void cli(byte[] chunk, int n, StringBuilder line) {
        StringBuilder reply = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int b = chunk[i] & 0xff;
            if (b == '\r' || b == '\n') {
                if (b == '\n' && i > 0 && chunk[i - 1] == '\r') {
                    continue;
                }
                reply.append("\r\n");
                String cmd = line.toString().strip();
                line.setLength(0);
                send(reply.toString());
                reply.setLength(0);
                if (run(cmd)) {
                    // connected: the rest of this chunk is keystrokes for the machine
                    int rest = n - i - 1;
                    byte[] tail = Arrays.copyOfRange(chunk, i + 1, i + 1 + rest);
                    int back = toConsole(tail, rest);
                    if (back > 0) {
                        cli(tail, back, line);
                    }
                    return;
                }
                if (done) {
                    return;
                }
            } else if (b == 0x7f || b == 0x08) {
                if (line.length() > 0) {
                    line.setLength(line.length() - 1);
                    reply.append("\b \b");
                }
            } else if (b >= 0x20 && b < 0x7f) {
                line.append((char) b);
                reply.append((char) b);
            }
        }
        send(reply.toString());
    }

    /** Runs a CLI command; true when it connected the console. */
    private boolean run(String cmd) {
        if (cmd.isEmpty()) {
            send(prompt());
            return false;
        }
        commandLog.accept(cmd);
        String lower = cmd.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("exit") || lower.equals("quit") || lower.equals("logout")) {
            finish();
            return false;
        }
        if (flavor == VendorConsoleFlavor.IDRAC && lower.matches("console\\s+(com2|-h\\s+com2)")) {
            send("Connected to Serial Device 2. To end type: ^\\\r\n");
            connectConsole();
            return true;
        }
        if (flavor == VendorConsoleFlavor.ILO && lower.equals("vsp")) {
            send("\r\nVirtual Serial Port Active: IO=0x02F8 INT=3\r\n\r\nStarting virtual serial port.\r\n"
                    + "Press 'ESC (' to return to the CLI Session.\r\n");
            connectConsole();
            return true;
        }
        if (flavor == VendorConsoleFlavor.ILO) {
            send("status=2\r\nstatus_tag=COMMAND PROCESSING FAILED\r\nerror_tag=COMMAND NOT RECOGNIZED\r\n\r\n" + prompt());
        } else {
            send("ERROR: Invalid subcommand specified.\r\n" + prompt());
        }
        return false;
    }

    private synchronized void connectConsole() {
        consoles.incrementAndGet();
        console = machine.console().subscribe(bytes -> {
            if (outbox.size() < MAX_QUEUED) {
                outbox.offer(bytes);
            }
        });
    }

    private synchronized void disconnectConsole() {
        Subscription s = console;
        console = null;
        escape.reset();
        if (s != null) {
            s.close();
            consoles.decrementAndGet();
        }
    }

    private void send(String text) {
        if (!text.isEmpty()) {
            outbox.offer(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void writer() {
        try {
            while (true) {
                byte[] b = outbox.take();
                if (b == END) {
                    return;
                }
                out.write(b);
                out.flush();
            }
        } catch (IOException e) {
            LOG.debug("{}: writing to a vendor console client failed: {}", machine.name(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            done = true;
            disconnectConsole();
            // only now: the exit closes the channel, and what was queued before it must reach the client
            ExitCallback e = exit;
            if (e != null) {
                e.onExit(0);
            }
        }
    }

    private void finish() {
        done = true;
        disconnectConsole();
        if (finished.compareAndSet(false, true)) {
            outbox.offer(END);
        }
    }
}
