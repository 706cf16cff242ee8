package org.bmsdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import org.bmsdk.api.BareMetalException;
import org.bmsdk.api.ConfigurationException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code bmctl}, the command-line face of bm-sdk. Conventions every command keeps (docs/CLI.md):
 * global options may stand before or after the subcommand; credentials come from the environment
 * or a file, never from an argument {@code ps} would show; {@code --json} prints one JSON document
 * on stdout; logs go to stderr; exit 0 on success, 1 on an operation error (one line on stderr),
 * 2 on bad usage.
 */
@Command(name = "bmctl",
        mixinStandardHelpOptions = true,
        versionProvider = Bmctl.Version.class,
        description = "Manage bare-metal machines like virtual machines.",
        subcommands = {
            DemoCommand.class,
            SelectCommand.class,
            LifecycleCommand.class,
            NodeCommand.class,
            SshCommand.class,
            LabCommand.class,
            PowerCommand.class,
            BootCommand.class,
            VmediaCommand.class,
            InventoryCommand.class,
            HealthCommand.class,
            BiosCommand.class,
            SelCommand.class,
            ConsoleCommand.class,
            BackupCommand.class,
            SwitchCommand.class,
            VolumeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Bmctl implements Runnable {

    @Mixin
    GlobalOptions global;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs bmctl and exits with its status.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs bmctl without exiting, for tests and embedding.
     *
     * @param args the command line
     * @param out standard output
     * @param err standard error
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Bmctl());
        shareVersion(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, arguments) -> {
            // picocli's own handler drops the usage whenever it has a suggestion ("Did you mean"):
            // bad usage always shows the message, any suggestion, then the usage, all on stderr.
            CommandLine c = e.getCommandLine();
            PrintWriter w = c.getErr();
            w.println(e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, w);
            c.usage(w, c.getColorScheme());
            w.flush();
            return c.getCommandSpec().exitCodeOnInvalidInput();
        });
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // One line, as the conventions promise; messages never hold a secret. Bad input the
            // command found itself (a malformed expression, missing credentials) is bad usage.
            boolean usage = e instanceof ConfigurationException || e instanceof IllegalArgumentException;
            if (e instanceof BareMetalException || usage) {
                commandLine.getErr().println("bmctl: " + e.getMessage());
            } else {
                commandLine.getErr().println("bmctl: unexpected " + e.getClass().getName() + ": " + e.getMessage());
            }
            commandLine.getErr().flush();
            return usage ? 2 : 1;
        });
        return cl.execute(args);
    }

    /** Every subcommand has -V/--version (standard help options), so each prints bmctl's version, not nothing. */
    private static void shareVersion(CommandLine c) {
        c.getCommandSpec().versionProvider(new Version());
        c.getSubcommands().values().forEach(Bmctl::shareVersion);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version Maven wrote into version.properties. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Bmctl.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"bmctl " + p.getProperty("version", "unknown") + " (bm-sdk, Java " + Runtime.version() + ")"};
        }
    }
}
