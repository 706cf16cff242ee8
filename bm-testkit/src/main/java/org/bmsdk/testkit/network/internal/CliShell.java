package org.bmsdk.testkit.network.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.function.Consumer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.channel.ChannelSession;
import org.bmsdk.testkit.internal.StreamCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A switch CLI on an SSH shell channel: echoes what is typed (the client has a pty and expects
 * it), runs each line through a {@link CliInterpreter}, prints {@code \r\n} line ends, pages long
 * output with {@code --More--} until {@code terminal length 0}, and applies the switch's faults.
 */
final class CliShell extends StreamCommand {

    private static final Logger LOG = LoggerFactory.getLogger(CliShell.class);
    private static final String MORE = " --More-- ";

    private final String name;
    private final ShellInterpreter cli;
    private final FaultPlan faults;
    private final Consumer<String> commandLog;
    private ChannelSession channel;
    private volatile boolean done;
    private Deque<String> paged;

    CliShell(String name, ShellInterpreter cli, FaultPlan faults, Consumer<String> commandLog) {
        this.name = name;
        this.cli = cli;
        this.faults = faults;
        this.commandLog = commandLog;
    }

    @Override
    public void start(ChannelSession channel, Environment env) {
        this.channel = channel;
        daemon("sim-switch-cli-" + name, this::loop);
    }

    @Override
    public void destroy(ChannelSession channel) {
        done = true;
    }

    /**
     * Reads what the client sends, a chunk at a time, and answers each chunk in one write: the
     * echo, then for each complete line its output and the next prompt. A real switch sends a
     * prompt with the line end before it in one packet, and clients such as netmiko, which stop
     * reading at the host name, depend on the prompt not being cut.
     */
    private void loop() {
        StringBuilder line = new StringBuilder();
        boolean lastCr = false;
        byte[] chunk = new byte[4096];
        try {
            write("\r\n" + cli.prompt());
            int n;
            while (!done && (n = in.read(chunk)) >= 0) {
                StringBuilder reply = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    int b = chunk[i] & 0xff;
                    if (paged != null) {
                        page(b, reply);
                        continue;
                    }
                    if (b == '\n' && lastCr) {
                        lastCr = false;
                        continue;
                    }
                    lastCr = b == '\r';
                    if (b == '\r' || b == '\n') {
                        reply.append("\r\n");
                        String l = line.toString();
                        line.setLength(0);
                        if (!handle(l, reply)) {
                            write(reply.toString());
                            return;
                        }
                    } else if (b == 0x7f || b == 0x08) {
                        if (line.length() > 0) {
                            line.setLength(line.length() - 1);
                            reply.append("\b \b");
                        }
                    } else if (b >= 0x20 && b < 0x7f) {
                        line.append((char) b);
                        if (!cli.awaitingSecret()) {
                            reply.append((char) b);
                        }
                    }
                }
                write(reply.toString());
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

    /** Runs one line, appending what it prints to {@code reply}; false when the session is over. */
    private boolean handle(String line, StringBuilder reply) throws IOException {
        boolean secret = cli.awaitingSecret();
        if (!secret) {
            commandLog.accept(line);
        }
        if (!secret && faults.takeDrop(line)) {
            LOG.debug("{}: dropping the session at '{}' (injected)", name, line);
            write(reply.toString());
            reply.setLength(0);
            channel.getSession().close(true);
            done = true;
            return false;
        }
        Duration delay = faults.delay();
        if (!delay.isZero()) {
            // The echo comes at once; the answer is what is slow.
            write(reply.toString());
            reply.setLength(0);
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        String injected = secret ? null : faults.takeFailure(line);
        CliInterpreter.Reply r = injected != null ? new CliInterpreter.Reply(injected, false, injected) : cli.execute(line);
        if (r.close()) {
            return false;
        }
        String text = r.output();
        if (text.isEmpty()) {
            reply.append(cli.prompt());
            return true;
        }
        Deque<String> lines = new ArrayDeque<>(Arrays.asList(text.split("\n", -1)));
        int page = cli.pageLength();
        if (page > 0 && lines.size() > page - 1) {
            paged = lines;
            emit(page - 1, reply);
            return true;
        }
        reply.append(String.join("\r\n", lines)).append("\r\n").append(cli.prompt());
        return true;
    }

    /** A key at the {@code --More--} prompt: space for a page, return for a line, q to stop. */
    private void page(int key, StringBuilder reply) {
        reply.append("\b".repeat(MORE.length())).append(" ".repeat(MORE.length())).append("\b".repeat(MORE.length()));
        if (key == 'q' || key == 'Q') {
            paged = null;
            reply.append("\r\n").append(cli.prompt());
        } else {
            emit(key == '\r' || key == '\n' ? 1 : Math.max(1, cli.pageLength() - 1), reply);
        }
    }

    private void emit(int count, StringBuilder reply) {
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
        reply.append(sb);
    }

    private void write(String s) throws IOException {
        if (s.isEmpty()) {
            return;
        }
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
