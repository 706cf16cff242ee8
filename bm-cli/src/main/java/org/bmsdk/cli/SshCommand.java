package org.bmsdk.cli;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bmsdk.api.DeviceException;
import org.bmsdk.api.ErrorContext;
import org.bmsdk.ssh.ExecResult;
import org.bmsdk.ssh.SshClient;
import org.bmsdk.ssh.SshConnection;
import org.bmsdk.ssh.SshOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bmctl ssh exec}: runs one command on a host over bm-ssh, host key verified. */
@Command(name = "ssh", mixinStandardHelpOptions = true, description = "Talk to a host over SSH, as the switch and storage drivers do.",
        subcommands = SshCommand.Exec.class)
final class SshCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code bmctl ssh exec --endpoint ssh://host:port -- COMMAND...}. */
    @Command(name = "exec", mixinStandardHelpOptions = true,
            description = {"Run a command and print its output; exits 1 when it fails.",
                "Log in with --identity KEYFILE, or with the password of $BMCTL_PASSWORD / --credentials-file."})
    static final class Exec implements Runnable {

        @Option(names = "--timeout", paramLabel = "DURATION", description = "How long the command may run, e.g. 30s or PT1M (default: 60s).")
        String timeout = "60s";

        @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
        List<String> command;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        private GlobalOptions global() {
            return GlobalOptions.of(spec);
        }

        @Override
        public void run() {
            URI uri = URI.create(global().requireEndpoint());
            if (!"ssh".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--endpoint must be ssh://host[:port], but was " + uri);
            }
            SshOptions.Builder options = SshOptions.builder()
                    .host(uri.getHost())
                    .port(uri.getPort() < 0 ? 22 : uri.getPort())
                    .knownHosts(global().knownHosts)
                    .commandTimeout(Durations.parse(timeout));
            if (global().identity != null) {
                options.username(global().username()).privateKey(global().identity);
            } else {
                options.credentials(global().credentials());
            }
            String line = String.join(" ", command);
            ExecResult result;
            try (SshClient client = SshClient.create(); SshConnection connection = client.connect(options.build())) {
                result = connection.exec(line);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("exitStatus", result.exitStatus());
            doc.put("stdout", result.stdout());
            doc.put("stderr", result.stderr());
            if (global().json) {
                Output.print(spec.commandLine().getOut(), true, doc, "");
            } else {
                spec.commandLine().getOut().print(result.stdout());
                spec.commandLine().getOut().flush();
                spec.commandLine().getErr().print(result.stderr());
                spec.commandLine().getErr().flush();
            }
            if (!result.isSuccess()) {
                throw new DeviceException("remote command exited with status " + result.exitStatus(),
                        ErrorContext.of(uri.toString(), "ssh", "exec"), Integer.toString(result.exitStatus()));
            }
        }
    }

    /** Accepts {@code 30s}, {@code 5m}, {@code 500ms} and ISO-8601 {@code PT30S}. */
    static final class Durations {
        private Durations() {
        }

        static Duration parse(String text) {
            String t = text.strip().toLowerCase(java.util.Locale.ROOT);
            try {
                if (t.startsWith("pt")) {
                    return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
                }
                if (t.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
                }
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                switch (t.charAt(t.length() - 1)) {
                    case 's':
                        return Duration.ofSeconds(n);
                    case 'm':
                        return Duration.ofMinutes(n);
                    case 'h':
                        return Duration.ofHours(n);
                    default:
                        break;
                }
            } catch (RuntimeException e) {
                // fall through to the message below
            }
            throw new IllegalArgumentException("duration must look like 30s, 5m, 500ms or PT30S, but was '" + text + "'");
        }
    }
}
