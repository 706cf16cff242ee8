package org.bmsdk.network.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.api.credentials.Credentials;
import org.bmsdk.api.network.SwitchEndpoint;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;
import org.bmsdk.ssh.SshShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in CLI on a switch: the SSH connection, its shell, the host name learnt from the
 * first prompt, paging turned off. Sends a command and returns its output up to the next prompt,
 * without the echo; an error line of the dialect becomes a {@link DeviceException}. Not
 * thread-safe: its session serialises the calls.
 */
final class CliChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CliChannel.class);
    /** A password prompt: {@code enable}'s, and sudo's {@code [sudo] password for admin:}. */
    private static final Pattern PASSWORD = Pattern.compile("[Pp]assword(?: for [^:\\n]*)?: ?$");
    /** The end of what has arrived: reads whatever is left. */
    private static final Pattern END = Pattern.compile("\\z");

    private final SwitchEndpoint endpoint;
    private final CliDialect dialect;
    private final SshClient client;
    private final SshConnection connection;
    private final SshShell shell;
    private final Duration timeout;
    private Pattern anyPrompt;
    private Credentials credentials;

    private CliChannel(SwitchEndpoint endpoint, CliDialect dialect, SshClient client, SshConnection connection, SshShell shell) {
        this.endpoint = endpoint;
        this.dialect = dialect;
        this.client = client;
        this.connection = connection;
        this.shell = shell;
        this.timeout = endpoint.commandTimeout();
    }

    /**
     * Connects, verifies the host key, logs in, learns the prompt, enters privileged EXEC and turns
     * paging off.
     */
    static CliChannel open(SwitchEndpoint endpoint, CliDialect dialect, Credentials credentials) {
        SshOptions.Builder options = SshOptions.builder()
                .host(endpoint.uri().getHost())
                .port(endpoint.uri().getPort() > 0 ? endpoint.uri().getPort() : SshOptions.DEFAULT_PORT)
                .knownHosts(endpoint.knownHosts())
                .commandTimeout(endpoint.commandTimeout())
                .connectTimeout(endpoint.commandTimeout());
        if (endpoint.privateKey().isPresent()) {
            options.username(credentials.username()).privateKey(endpoint.privateKey().get());
        } else {
            options.credentials(credentials);
        }
        SshClient client = SshClient.create();
        SshConnection connection = null;
        SshShell shell = null;
        try {
            connection = client.connect(options.build());
            shell = connection.shell();
            CliChannel c = new CliChannel(endpoint, dialect, client, connection, shell);
            c.start(credentials);
            return c;
        } catch (RuntimeException e) {
            closeQuietly(shell);
            closeQuietly(connection);
            closeQuietly(client);
            throw e;
        }
    }

    private void start(Credentials credentials) {
        this.credentials = credentials;
        ConfigModel model = dialect.model();
        Prompted first = read(model.firstPrompt());
        java.util.regex.Matcher m = model.firstPrompt().matcher(first.prompt());
        if (!m.find()) {
            throw new DeviceException("switch " + endpoint.id() + " shows no prompt this driver understands: '"
                    + first.prompt().strip() + "'", context("login"), first.prompt().strip());
        }
        anyPrompt = model.promptFor(m.group(1));
        if (model.enable() && !first.prompt().strip().endsWith("#")) {
            shell.send("enable");
            Prompted p = read(Pattern.compile(PASSWORD.pattern() + "|" + anyPrompt.pattern()));
            if (PASSWORD.matcher(p.prompt()).find()) {
                // netmiko's convention: the enable password is given as the secret; ours is the login one.
                shell.sendSecret(credentials.password());
                p = read(anyPrompt);
            }
            if (!p.prompt().strip().endsWith("#")) {
                throw new DeviceException("switch " + endpoint.id() + " did not grant privileged EXEC: "
                        + dialect.errorIn(p.output()).orElse("'enable' refused"), context("login"), "enable refused");
            }
        }
        LOG.debug("{}: logged in, prompt {}", endpoint.id(), m.group(1));
        for (String setup : dialect.sessionSetup()) {
            run(setup, "login");
        }
    }

    /** What came before a prompt, and the prompt. */
    private record Prompted(String output, String prompt) {
    }

    private boolean inConfig(Prompted p) {
        return dialect.model().configMode().matcher(p.prompt()).find();
    }

    /**
     * Reads up to a prompt and returns both. The shell consumes what a pattern matches, so the
     * pattern is searched as a lookahead (consuming nothing), and the prompt, all that is left
     * while the switch waits for input, is read on its own.
     */
    private Prompted read(Pattern prompt) {
        String before = shell.readUntil(Pattern.compile("(?=" + prompt.pattern() + ")"), timeout);
        String p = shell.readUntil(END, timeout);
        return new Prompted(before, p);
    }

    /**
     * Runs one command where the CLI is now and returns its output.
     *
     * @param command the line
     * @param operation the bm-api operation it is part of, for errors
     * @return the output between the echoed line and the next prompt
     * @throws DeviceException when the output holds one of the dialect's error lines
     */
    String run(String command, String operation) {
        return send(command, operation).output();
    }

    private Prompted send(String command, String operation) {
        shell.send(command);
        Prompted r = read(anyPrompt);
        String out = stripEcho(r.output(), command);
        Optional<String> error = dialect.errorIn(out);
        if (error.isPresent()) {
            lockHolder = lineAfter(out, error.get());
            throw new DeviceException("switch " + endpoint.id() + " (" + endpoint.uri() + ") refused '" + command + "': "
                    + error.get() + details(out, error.get()), context(operation), error.get());
        }
        return new Prompted(out, r.prompt());
    }

    /**
     * The other lines of a refusal that say why, such as Junos's commit check-out context
     * ({@code 'members 555'  VLAN 555 is not defined}); empty when the error line is all there is.
     */
    private static String details(String out, String error) {
        StringBuilder sb = new StringBuilder();
        for (String raw : out.split("\n")) {
            String l = raw.strip();
            if (l.isEmpty() || l.equals(error) || l.equals("^") || l.startsWith("[edit") || l.startsWith("Usage:")
                    || l.startsWith("Try \"")) {
                continue;
            }
            sb.append(sb.length() == 0 ? "" : "; ").append(l);
        }
        if (sb.length() == 0) {
            return "";
        }
        return " (" + (sb.length() > 400 ? sb.substring(0, 400) + "..." : sb) + ")";
    }

    private static String lineAfter(String out, String line) {
        String[] lines = out.split("\n");
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].strip().equals(line)) {
                return lines[i + 1];
            }
        }
        return "";
    }

    /**
     * Enters configuration mode, runs the lines, commits them where the dialect commits (retrying
     * while the configuration is locked by someone else), and returns to where it started, also
     * when a line fails (then the rest is not sent, and the error is thrown).
     */
    void configure(List<String> lines, String operation) {
        String enter = dialect.configEnter();
        if (enter != null) {
            Prompted entered = enter(enter, operation);
            if (!inConfig(entered)) {
                throw new DeviceException("switch " + endpoint.id() + " did not enter configuration mode: prompt '"
                        + entered.prompt().strip() + "'", context(operation), entered.prompt().strip());
            }
        }
        try {
            for (String line : lines) {
                run(line, operation);
            }
            for (String line : dialect.model().commit()) {
                commit(line, operation);
            }
        } catch (DeviceException e) {
            // The switch answered: the CLI is fine, so leave it where the next operation expects it.
            if (enter != null) {
                quietExit();
            } else if (dialect.model().abandon() != null) {
                quietly(dialect.model().abandon());
            }
            throw e;
        }
        if (enter == null) {
            return;
        }
        Prompted left = answerDiscard(send(dialect.configExit(), operation), operation);
        if (inConfig(left)) {
            throw new DeviceException("switch " + endpoint.id() + " stayed in configuration mode after '"
                    + dialect.configExit() + "'", context(operation), left.prompt().strip());
        }
    }

    /** Sends the command that enters configuration mode, giving the password if it asks (sudo). */
    private Prompted enter(String command, String operation) {
        shell.send(command);
        Prompted r = read(Pattern.compile(PASSWORD.pattern() + "|" + anyPrompt.pattern()));
        if (PASSWORD.matcher(r.prompt()).find()) {
            shell.sendSecret(credentials.password());
            r = read(anyPrompt);
        }
        String out = stripEcho(r.output(), command);
        Optional<String> error = dialect.errorIn(out);
        if (error.isPresent()) {
            throw new DeviceException("switch " + endpoint.id() + " (" + endpoint.uri() + ") refused '" + command + "': "
                    + error.get(), context(operation), error.get());
        }
        return new Prompted(out, r.prompt());
    }

    /**
     * Sends a commit line; while the dialect's lock error comes back, waits (doubling the pause)
     * and sends it again, up to the dialect's number of attempts.
     */
    private void commit(String line, String operation) {
        ConfigModel model = dialect.model();
        long pause = model.commitBackoff().toMillis();
        for (int attempt = 1;; attempt++) {
            DeviceException locked;
            try {
                run(line, operation);
                return;
            } catch (DeviceException e) {
                if (model.locked() == null || e.deviceCode() == null || !model.locked().matcher(e.deviceCode()).matches()) {
                    throw e;
                }
                locked = e;
            }
            if (attempt >= model.commitAttempts()) {
                throw new DeviceException("switch " + endpoint.id() + " (" + endpoint.uri() + "): '" + line
                        + "' found the configuration locked by someone else " + attempt + " times in a row; gave up ("
                        + lockHolder.strip() + ")", context(operation), locked.deviceCode(), true, locked);
            }
            LOG.info("{}: the configuration is locked ({}); '{}' again in {} ms", endpoint.id(), lockHolder.strip(), line, pause);
            sleep(pause);
            pause *= 2;
        }
    }

    /** The line after a lock error: who holds the lock (Junos prints it on the next line). */
    private String lockHolder = "";

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a configuration lock", e);
        }
    }

    /** Answers the dialect's "exit with uncommitted changes?" with yes, which discards them. */
    private Prompted answerDiscard(Prompted p, String operation) {
        Pattern q = dialect.model().discardQuestion();
        if (q != null && q.matcher(p.prompt()).find()) {
            return send("yes", operation);
        }
        return p;
    }

    /** Sends a line after a failed one without hiding that line's error. */
    private void quietly(String line) {
        try {
            shell.send(line);
            read(anyPrompt);
        } catch (RuntimeException e) {
            LOG.debug("{}: '{}' after an error failed: {}", endpoint.id(), line, e.toString());
        }
    }

    /** Leaves configuration mode after a failed line without hiding that line's error. */
    private void quietExit() {
        try {
            shell.send(dialect.configExit());
            Prompted p = read(anyPrompt);
            Pattern q = dialect.model().discardQuestion();
            if (q != null && q.matcher(p.prompt()).find()) {
                shell.send("yes");
                read(anyPrompt);
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: leaving configuration mode after an error failed: {}", endpoint.id(), e.toString());
        }
    }

    boolean isOpen() {
        return connection.isOpen() && shell.isOpen();
    }

    ErrorContext context(String operation) {
        return ErrorContext.of(endpoint.uri().toString(), dialect.id(), operation);
    }

    @Override
    public void close() {
        closeQuietly(shell);
        closeQuietly(connection);
        closeQuietly(client);
    }

    /** The terminal echoes the line sent first; the output starts after it. */
    private static String stripEcho(String text, String command) {
        int nl = text.indexOf('\n');
        if (nl >= 0 && text.substring(0, nl).strip().endsWith(command.strip())) {
            return text.substring(nl + 1);
        }
        return nl >= 0 && command.isEmpty() ? text.substring(nl + 1) : text;
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.debug("closing failed: {}", e.toString());
            }
        }
    }
}
