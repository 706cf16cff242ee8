package org.bmsdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.bmsdk.api.DriverContext;
import org.bmsdk.api.bmc.BmcClient;
import org.bmsdk.api.bmc.BmcDriverRegistry;
import org.bmsdk.api.bmc.BmcEndpoint;
import org.bmsdk.api.bmc.ConsoleSession;
import org.bmsdk.api.bmc.SerialConsole;
import org.bmsdk.hardware.console.ConsoleDialect;
import org.bmsdk.hardware.console.SshConsole;
import org.bmsdk.hardware.ipmi.IpmiConsoleSession;
import org.bmsdk.ssh.SshOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bmctl console}: the machine's serial console through its BMC: IPMI Serial-over-LAN
 * ({@code ipmi://}), or the vendor's SSH console ({@code ssh+idrac://}, {@code ssh+ilo://}).
 * Interactive on a terminal: keystrokes go to the machine, {@code ~.} at the start of a line
 * leaves, as in ipmitool and ssh. Otherwise it shows the console on stdout for {@code --for}.
 */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Attach to a machine's serial console through its BMC: --endpoint ipmi://… (Serial-over-LAN), "
                + "ssh+idrac://HOST[:PORT] (iDRAC's console com2) or ssh+ilo://HOST[:PORT] (iLO's vsp), the SSH host key "
                + "checked against --known-hosts.",
            "On a terminal it is interactive: what you type goes to the machine; ~. at the start of a line leaves, ~B sends a "
                + "serial break, ~~ sends a ~. Otherwise (stdin not a terminal) it prints the console on stdout for --for, "
                + "then exits 0; keystrokes are not read."})
final class ConsoleCommand implements Runnable {

    /** Standard input, and whether it is a terminal; tests replace them. */
    static Supplier<InputStream> stdin = () -> System.in;
    static BooleanSupplier terminal = () -> System.console() != null;

    @Option(names = "--log", paramLabel = "FILE", description = "Also append what the console shows to FILE.")
    Path log;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "Leave after this long (30s, 5m, PT1H). Default: until ~. on a terminal, else until the console ends.")
    String duration;

    @Option(names = "--interactive", description = "Read keystrokes from stdin (with ~. to leave) even when it is not a terminal.")
    boolean interactive;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        if (GlobalOptions.of(spec).json) {
            throw new IllegalArgumentException("console streams text; --json is not supported");
        }
        Duration limit = duration == null ? null : SshCommand.Durations.parse(duration);
        boolean keys = interactive || terminal.getAsBoolean();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String where = GlobalOptions.of(spec).requireEndpoint();
        try (Attached attached = attach(); ConsoleSession console = attached.session();
                OutputStream logFile = log == null ? OutputStream.nullOutputStream()
                        : Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            CountDownLatch ended = new CountDownLatch(1);
            Thread shower = new Thread(() -> show(console.input(), out, logFile, ended), "bmctl-console-output");
            shower.setDaemon(true);
            shower.start();
            if (keys) {
                err.println("bmctl console: connected to " + where + "; ~. at the start of a line leaves");
                err.flush();
                try (RawTerminal raw = RawTerminal.enter(terminal.getAsBoolean())) {
                    Thread typist = new Thread(() -> type(stdin.get(), console, ended), "bmctl-console-input");
                    typist.setDaemon(true);
                    typist.start();
                    await(ended, limit);
                }
                err.println();
                err.println("bmctl console: closed");
                err.flush();
            } else {
                await(ended, limit);
            }
            console.close();
            shower.join(2000);
            out.flush();
        } catch (IOException e) {
            throw new IllegalArgumentException("--log " + log + " cannot be written: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the console was opened on, closed after the session: the BMC client, or the SSH console. */
    private record Attached(AutoCloseable owner, ConsoleSession session) implements AutoCloseable {
        @Override
        public void close() {
            try {
                owner.close();
            } catch (Exception e) {
                // closing a client logs out; nothing is left to do when that fails
            }
        }
    }

    /**
     * Opens the console of {@code --endpoint}: {@code ssh+idrac://} and {@code ssh+ilo://} log in to
     * the BMC's SSH CLI and connect its console ({@code console com2}, {@code vsp}), with the host key
     * checked against {@code --known-hosts}; any other scheme goes to the BMC driver of that scheme.
     */
    private Attached attach() {
        GlobalOptions global = GlobalOptions.of(spec);
        String uri = global.requireEndpoint();
        int colon = uri.indexOf("://");
        String scheme = colon < 0 ? "" : uri.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.startsWith("ssh+")) {
            BmcEndpoint endpoint = BmcCommands.endpoint(spec);
            BmcClient client = BmcDriverRegistry.loadInstalled().connect(endpoint, DriverContext.defaults());
            try {
                return new Attached(client, client.require(SerialConsole.class).open());
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }
        ConsoleDialect dialect = ConsoleDialect.of(scheme.substring(4)).orElseThrow(() -> new IllegalArgumentException(
                "--endpoint " + uri + ": no vendor console '" + scheme.substring(4) + "'; known: ssh+"
                        + ConsoleDialect.knownIds().replace(", ", ", ssh+")));
        java.net.URI parsed = java.net.URI.create(uri);
        if (parsed.getUserInfo() != null) {
            throw new IllegalArgumentException("--endpoint must not carry credentials; give them in BMCTL_USERNAME and "
                    + "BMCTL_PASSWORD or --credentials-file");
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("--endpoint " + uri + " has no host; expected " + scheme + "://HOST[:PORT]");
        }
        SshOptions.Builder ssh = SshOptions.builder().host(parsed.getHost())
                .port(parsed.getPort() < 0 ? SshOptions.DEFAULT_PORT : parsed.getPort())
                .knownHosts(global.knownHosts);
        if (global.identity != null) {
            ssh.username(global.username()).privateKey(global.identity);
        } else {
            ssh.credentials(global.credentials());
        }
        SshConsole console = SshConsole.builder(ssh.build(), dialect).build();
        try {
            return new Attached(console, console.open());
        } catch (RuntimeException e) {
            console.close();
            throw e;
        }
    }

    private static void await(CountDownLatch ended, Duration limit) throws InterruptedException {
        if (limit == null) {
            ended.await();
        } else {
            ended.await(limit.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Copies the console to stdout (as UTF-8 text) and, byte for byte, to the log. */
    private static void show(InputStream in, PrintWriter out, OutputStream logFile, CountDownLatch ended) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        ByteBuffer bytes = ByteBuffer.allocate(8192);
        CharBuffer chars = CharBuffer.allocate(8192);
        byte[] buf = new byte[4096];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                logFile.write(buf, 0, n);
                logFile.flush();
                bytes.put(buf, 0, n).flip();
                utf8.decode(bytes, chars, false);
                bytes.compact();
                out.write(chars.flip().toString());
                out.flush();
                chars.clear();
            }
        } catch (IOException e) {
            // the console or the log went away: end the command
        } finally {
            ended.countDown();
        }
    }

    /** Sends keystrokes, watching for the escapes at the start of a line. */
    private static void type(InputStream in, ConsoleSession console, CountDownLatch ended) {
        Escapes escapes = new Escapes();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                byte[] send = escapes.feed(b);
                if (escapes.leave()) {
                    break;
                }
                if (escapes.breakRequested() && console instanceof IpmiConsoleSession ipmi) {
                    ipmi.sendBreak();
                }
                if (send.length > 0) {
                    console.output().write(send);
                    console.output().flush();
                }
            }
        } catch (IOException e) {
            // the console closed
        } finally {
            ended.countDown();
        }
    }

    /**
     * The escapes of ipmitool and ssh, recognised right after a line ends (or at the start):
     * {@code ~.} leaves, {@code ~B} asks for a serial break, {@code ~~} sends one {@code ~}; any
     * other character after {@code ~} is sent with it.
     */
    static final class Escapes {
        private boolean lineStart = true;
        private boolean tilde;
        private boolean leave;
        private boolean breakNow;

        /** @return the bytes to send for this keystroke */
        byte[] feed(int b) {
            breakNow = false;
            if (tilde) {
                tilde = false;
                lineStart = false;
                switch (b) {
                    case '.':
                        leave = true;
                        return new byte[0];
                    case 'B':
                        breakNow = true;
                        return new byte[0];
                    case '~':
                        return new byte[] {'~'};
                    default:
                        lineStart = b == '\r' || b == '\n';
                        return new byte[] {'~', (byte) b};
                }
            }
            if (lineStart && b == '~') {
                tilde = true;
                return new byte[0];
            }
            lineStart = b == '\r' || b == '\n';
            return new byte[] {(byte) b};
        }

        boolean leave() {
            return leave;
        }

        boolean breakRequested() {
            return breakNow;
        }
    }

    /** The terminal in raw mode (no echo, no line editing) while interactive, restored after; a no-op without a terminal. */
    static final class RawTerminal implements AutoCloseable {
        private final String saved;

        private RawTerminal(String saved) {
            this.saved = saved;
        }

        static RawTerminal enter(boolean isTerminal) {
            if (!isTerminal) {
                return new RawTerminal(null);
            }
            String saved = stty("-g");
            if (saved != null) {
                stty("raw", "-echo");
            }
            return new RawTerminal(saved);
        }

        private static String stty(String... args) {
            try {
                String[] cmd = new String[args.length + 1];
                cmd[0] = "stty";
                System.arraycopy(args, 0, cmd, 1, args.length);
                Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
                return p.waitFor() == 0 ? text : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public void close() {
            if (saved != null) {
                stty(saved);
            }
        }
    }
}
