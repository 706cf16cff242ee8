package org.bmsdk.testkit.ramdisk.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.bmsdk.testkit.ramdisk.internal.CommandLine.AndOr;
import org.bmsdk.testkit.ramdisk.internal.CommandLine.Redirect;
import org.bmsdk.testkit.ramdisk.internal.CommandLine.Script;
import org.bmsdk.testkit.ramdisk.internal.CommandLine.Simple;

/**
 * Runs one exec-channel command line as root's shell in the service ramdisk would: the builtins
 * {@code :}, {@code true}, {@code false}, {@code exit}, {@code echo}, the programs of
 * {@link DiskCommands} and {@link InfoCommands}, {@code hostname}, {@code uname}, {@code sync} and
 * {@code sleep}. Anything else is "command not found" (127). Not thread-safe: one per line.
 */
public final class RamdiskShell {

    private final RamdiskHost host;

    /**
     * A shell.
     *
     * @param host the machine as the ramdisk sees it
     */
    public RamdiskShell(RamdiskHost host) {
        this.host = host;
    }

    private static final class Exit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    /**
     * Runs a line.
     *
     * @param line the command line
     * @param in standard input
     * @param out standard output
     * @param err standard error
     * @return its exit status
     * @throws IOException when the client went away while it ran
     * @throws InterruptedException when the channel was closed while it slept
     */
    public int run(String line, java.io.InputStream in, OutputStream out, OutputStream err)
            throws IOException, InterruptedException {
        Io io = new Io(in, out, err);
        Script script;
        try {
            script = CommandLine.parse(line);
        } catch (CommandLine.SyntaxError e) {
            return io.fail(2, "bash: -c: line 1: syntax error " + e.getMessage());
        }
        int status = 0;
        try {
            for (AndOr a : script.items()) {
                status = command(a.commands().get(0), io, status);
                for (int i = 0; i < a.ops().size(); i++) {
                    if (a.ops().get(i).equals("&&") == (status == 0)) {
                        status = command(a.commands().get(i + 1), io, status);
                    }
                }
            }
        } catch (Exit e) {
            status = e.status;
        }
        return status;
    }

    private int command(Simple s, Io io, int last) throws IOException, InterruptedException {
        OutputStream out = io.out();
        OutputStream err = io.err();
        for (Redirect r : s.redirects()) {
            if (r.toStdout()) {
                err = out;
            } else if (r.target().equals("/dev/null")) {
                if (r.fd() == 1) {
                    out = Io.NULL;
                } else {
                    err = Io.NULL;
                }
            } else {
                return io.fail(1, "bash: line 1: " + r.target() + ": Read-only file system");
            }
        }
        if (s.words().isEmpty()) {
            return 0;
        }
        Io cio = new Io(io.in(), out, err);
        List<String> args = s.words().subList(1, s.words().size());
        String program = s.words().get(0);
        return switch (program) {
            case ":", "true", "sync" -> 0;
            case "false" -> 1;
            case "exit" -> {
                if (!args.isEmpty() && !args.get(0).matches("\\d{1,9}")) {
                    cio.error("bash: line 1: exit: " + args.get(0) + ": numeric argument required\n");
                    throw new Exit(2);
                }
                throw new Exit(args.isEmpty() ? last : Integer.parseInt(args.get(0)) & 0xff);
            }
            case "echo" -> {
                boolean newline = args.isEmpty() || !args.get(0).equals("-n");
                cio.print(String.join(" ", newline ? args : args.subList(1, args.size())) + (newline ? "\n" : ""));
                yield 0;
            }
            case "hostname" -> {
                cio.print(host.hostname() + "\n");
                yield 0;
            }
            case "uname" -> {
                cio.print(args.contains("-r") ? "6.1.0-bmsdk\n" : "Linux\n");
                yield 0;
            }
            case "sleep" -> sleep(args, cio);
            case "cat" -> DiskCommands.cat(host, args, cio);
            case "dd" -> DiskCommands.dd(host, args, cio);
            case "cmp" -> DiskCommands.cmp(host, args, cio);
            case "blockdev" -> DiskCommands.blockdev(host, args, cio);
            case "blkdiscard" -> DiskCommands.blkdiscard(host, args, cio);
            case "stat" -> DiskCommands.stat(host, args, cio);
            case "lsblk" -> InfoCommands.lsblk(host, args, cio);
            case "lldpctl" -> InfoCommands.lldpctl(host, args, cio);
            case "ip" -> InfoCommands.ip(host, args, cio);
            default -> cio.fail(127, "bash: line 1: " + program + ": command not found");
        };
    }

    private static int sleep(List<String> args, Io io) throws IOException, InterruptedException {
        if (args.size() != 1 || !args.get(0).matches("\\d{1,6}(\\.\\d{1,3})?")) {
            return io.fail(1, "sleep: invalid time interval '" + String.join(" ", args) + "'");
        }
        Thread.sleep((long) (Double.parseDouble(args.get(0)) * 1000));
        return 0;
    }
}
