package org.bmsdk.testkit.network.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.Consumer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A switch CLI on an SSH shell channel: echoes what is typed (the client has a pty and expects
 * it), runs each line through a {@link CliInterpreter}, prints {@code \r\n} line ends, pages long
 * output with {@code --More--} until {@code terminal length 0}, and applies the switch's faults.
 */
final class CliShell implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(CliShell.class);
    private static final String MORE = " --More-- ";

    private final String name;
    private final CliInterpreter cli;
    private final FaultPlan faults;
    private final Consumer<String> commandLog;
    private InputStream in;
    private OutputStream out;
    private ExitCallback exit;
    private ChannelSession channel;
    private volatile boolean done;
    private Deque<String> paged;

    CliShell(String name, CliInterpreter cli, FaultPlan faults, Consumer<String> commandLog) {
        this.name = name;
        this.cli = cli;
        this.faults = faults;
        this.commandLog = commandLog;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        // a terminal has one output stream; nothing goes to stderr
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        this.channel = channel;
        Thread t = new Thread(this::loop, "sim-switch-cli-" + name);
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        done = true;
    }

    private void loop() {
        StringBuilder line = new StringBuilder();
        boolean lastCr = false;
        try {
            write("\r\n" + cli.prompt());
            int b;
            while (!done && (b = in.read()) >= 0) {
                if (paged != null) {
                    page(b);
                    continue;
                }
                if (b == '\n' && lastCr) {
                    lastCr = false;
                    continue;
                }
                lastCr = b == '\r';
                if (b == '\r' || b == '\n') {
                    write("\r\n");
                    String l = line.toString();
                    line.setLength(0);
                    if (!handle(l)) {
                        break;
                    }
                } else if (b == 0x7f || b == 0x08) {
                    if (line.length() > 0) {
                        line.setLength(line.length() - 1);
                        write("\b \b");
                    }
                } else if (b >= 0x20 && b < 0x7f) {
                    line.append((char) b);
                    if (!cli.awaitingSecret()) {
                        out.write(b);
                        out.flush();
                    }
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: CLI session ended: {}", name, e.toString());
        } finally {
            done = true;
            if (exit != null) {
                exit.onExit(0);
            }
        }
    }

    /** Runs one line; false when the session is over. */
    private boolean handle(String line) throws IOException {
        boolean secret = cli.awaitingSecret();
        if (!secret) {
            commandLog.accept(line);
        }
        if (!secret && faults.takeDrop(line)) {
            LOG.debug("{}: dropping the session at '{}' (injected)", name, line);
            channel.getSession().close(true);
            return false;
        }
        Duration delay = faults.delay();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        String injected = secret ? null : faults.takeFailure(line);
        CliInterpreter.Reply reply = injected != null ? new CliInterpreter.Reply(injected, false, injected) : cli.execute(line);
        if (reply.close()) {
            return false;
        }
        String text = reply.output();
        if (text.isEmpty()) {
            write(cli.prompt());
            return true;
        }
        Deque<String> lines = new ArrayDeque<>(Arrays.asList(text.split("\n", -1)));
        int page = cli.pageLength();
        if (page > 0 && lines.size() > page - 1) {
            paged = lines;
            emit(page - 1);
            return true;
        }
        write(String.join("\r\n", lines) + "\r\n" + cli.prompt());
        return true;
    }

    /** A key at the {@code --More--} prompt: space for a page, return for a line, q to stop. */
    private void page(int key) throws IOException {
        write("\b".repeat(MORE.length()) + " ".repeat(MORE.length()) + "\b".repeat(MORE.length()));
        if (key == 'q' || key == 'Q') {
            paged = null;
            write("\r\n" + cli.prompt());
        } else {
            emit(key == '\r' || key == '\n' ? 1 : Math.max(1, cli.pageLength() - 1));
        }
    }

    private void emit(int count) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count && !paged.isEmpty(); i++) {
            sb.append(paged.poll()).append("\r\n");
        }
        if (paged.isEmpty()) {
            paged = null;
            sb.append(cli.prompt());
        } else {
            sb.append(MORE);
        }
        write(sb.toString());
    }

    private void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
