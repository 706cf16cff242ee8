package org.bmsdk.testkit.storage.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bmsdk.testkit.storage.internal.ShellSyntax.AndOr;
import org.bmsdk.testkit.storage.internal.ShellSyntax.Command;
import org.bmsdk.testkit.storage.internal.ShellSyntax.For;
import org.bmsdk.testkit.storage.internal.ShellSyntax.If;
import org.bmsdk.testkit.storage.internal.ShellSyntax.Redirect;
import org.bmsdk.testkit.storage.internal.ShellSyntax.Script;
import org.bmsdk.testkit.storage.internal.ShellSyntax.Simple;
import org.bmsdk.testkit.storage.internal.ShellSyntax.Word;

/**
 * Runs one exec-channel command line as root's bash on a Debian storage host would, for the
 * commands the tgt driver uses: the builtins {@code cd}, {@code exit}, {@code set -C}, {@code :},
 * {@code [}/{@code test -f|-d|-e}, {@code true}, {@code false}, and the programs {@code mkdir -p},
 * {@code truncate -s}, {@code rm -f}, {@code stat -c}, {@code find} (a path, {@code -maxdepth},
 * {@code -type f}, {@code -name} alternatives in parentheses, {@code -printf} with {@code %f} and
 * {@code %s}) and {@code tgtadm}. Error lines copy coreutils' and bash's in the C locale. Anything
 * else is "command not found" (127). One instance per command line; not thread-safe.
 */
public final class HostShell {

    /** Thrown when a planned fault drops the SSH session: nothing more is sent. */
    public static final class DropSession extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DropSession() {
            super("session dropped by a planned fault", null, false, false);
        }
    }

    /** The result of a line. */
    public record Result(String stdout, String stderr, int status) {
    }

    private static final class Exit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Exit(int status) {
            super(null, null, false, false);
            this.status = status;
        }
    }

    private final HostFiles files;
    private final Tgtadm tgtadm;
    private final HostFaultPlan faults;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();
    private final Map<String, String> vars = new HashMap<>();
    private String cwd = "/root";
    private boolean noclobber;
    private int last;

    /**
     * A shell for one line.
     *
     * @param files the host's files
     * @param state tgtd
     * @param controlPort tgtd's control port ({@code tgtadm -C})
     * @param faults planned faults
     */
    public HostShell(HostFiles files, TgtState state, int controlPort, HostFaultPlan faults) {
        this.files = files;
        this.tgtadm = new Tgtadm(state, files, controlPort);
        this.faults = faults;
    }

    /**
     * Runs a line.
     *
     * @param line the command line
     * @return what it printed and its exit status
     * @throws DropSession when a fault drops the session
     */
    public Result run(String line) {
        Script script;
        try {
            script = ShellSyntax.parse(line);
        } catch (ShellSyntax.SyntaxError e) {
            return new Result("", "bash: -c: line 1: syntax error " + e.getMessage() + "\n", 2);
        }
        try {
            last = script(script);
        } catch (Exit e) {
            last = e.status;
        }
        return new Result(out.toString(), err.toString(), last);
    }

    private int script(Script s) {
        int status = 0;
        for (AndOr a : s.items()) {
            status = andOr(a);
        }
        return status;
    }

    private int andOr(AndOr a) {
        int status = command(a.commands().get(0));
        for (int i = 0; i < a.ops().size(); i++) {
            boolean and = a.ops().get(i).equals("&&");
            if (and == (status == 0)) {
                status = command(a.commands().get(i + 1));
            }
        }
        last = status;
        return status;
    }

    private int command(Command c) {
        int status;
        if (c instanceof For f) {
            status = 0;
            for (Word w : f.words()) {
                vars.put(f.variable(), w.expand(vars));
                status = script(f.body());
            }
        } else if (c instanceof If i) {
            status = script(i.condition()) == 0 ? script(i.then()) : script(i.otherwise());
        } else {
            status = simple((Simple) c);
        }
        last = status;
        vars.put("?", String.valueOf(status));
        return status;
    }

    private int simple(Simple s) {
        List<String> words = new ArrayList<>();
        for (Word w : s.words()) {
            words.add(w.expand(vars));
        }
        StringBuilder o = new StringBuilder();
        StringBuilder e = new StringBuilder();
        int status = words.isEmpty() ? 0 : dispatch(words, o, e);
        // redirections are applied after the command here; the only output redirected to a file is empty
        String stdoutTarget = null;
        boolean stderrNull = false;
        for (Redirect r : s.redirects()) {
            String target = r.target().expand(vars);
            if (r.fd() == 2) {
                stderrNull = target.equals("/dev/null");
                if (!stderrNull) {
                    return fail("bash: line 1: " + target + ": Permission denied", 1);
                }
            } else {
                stdoutTarget = target;
            }
        }
        if (stdoutTarget != null && !stdoutTarget.equals("/dev/null")) {
            String path = path(stdoutTarget);
            try {
                if (noclobber && (files.isFile(path) || files.isDirectory(path))) {
                    return fail("bash: line 1: " + stdoutTarget + ": cannot overwrite existing file", 1);
                }
                if (!files.isFile(path)) {
                    files.createExclusive(path);
                }
                byte[] data = o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                files.truncate(path, data.length);
                files.open(path).write(0, data);
            } catch (IOException x) {
                return fail("bash: line 1: " + stdoutTarget + ": " + reason(x), 1);
            }
        } else if (stdoutTarget == null) {
            out.append(o);
        }
        if (!stderrNull) {
            err.append(e);
        }
        return status;
    }

    private int fail(String line, int status) {
        err.append(line).append('\n');
        return status;
    }

    private int dispatch(List<String> w, StringBuilder o, StringBuilder e) {
        String shown = shown(w);
        if (faults.takeDrop(shown)) {
            throw new DropSession();
        }
        HostFaultPlan.Failure planned = faults.takeFailure(shown);
        if (planned != null) {
            e.append(planned.stderr()).append(planned.stderr().endsWith("\n") ? "" : "\n");
            return planned.status();
        }
        List<String> args = w.subList(1, w.size());
        return switch (w.get(0)) {
            case ":", "true" -> 0;
            case "false" -> 1;
            case "exit" -> {
                if (!args.isEmpty() && !args.get(0).matches("\\d{1,9}")) {
                    e.append("bash: line 1: exit: ").append(args.get(0)).append(": numeric argument required\n");
                    throw new Exit(2);
                }
                throw new Exit(args.isEmpty() ? last : Integer.parseInt(args.get(0)) & 0xff);
            }
            case "set" -> set(args, e);
            case "cd" -> cd(args, e);
            case "[", "test" -> test(w.get(0), args, e);
            case "mkdir" -> mkdir(args, e);
            case "truncate" -> truncate(args, e);
            case "rm" -> rm(args, e);
            case "stat" -> stat(args, o, e);
            case "find" -> find(args, o, e);
            case "tgtadm" -> {
                Tgtadm.Outcome r = tgtadm.run(args);
                o.append(r.stdout());
                e.append(r.stderr());
                yield r.status();
            }
            default -> {
                e.append("bash: line 1: ").append(w.get(0)).append(": command not found\n");
                yield 127;
            }
        };
    }

    /** The command as faults match it: words joined by spaces, tgtadm's {@code -C N} left out. */
    static String shown(List<String> w) {
        List<String> s = new ArrayList<>(w);
        if (!s.isEmpty() && s.get(0).equals("tgtadm")) {
            int c = s.indexOf("-C");
            if (c > 0 && c + 1 < s.size()) {
                s.remove(c + 1);
                s.remove(c);
            }
        }
        return String.join(" ", s);
    }

    private String path(String p) {
        return HostFiles.normalize(p.startsWith("/") ? p : cwd + "/" + p);
    }

    private static String reason(IOException x) {
        if (x instanceof FileNotFoundException) {
            return "No such file or directory";
        }
        if (x instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        return x.getMessage() == null ? "Input/output error" : x.getMessage();
    }

    // ---- builtins and programs

    private int set(List<String> args, StringBuilder e) {
        for (String a : args) {
            switch (a) {
                case "-C", "-o noclobber" -> noclobber = true;
                case "+C" -> noclobber = false;
                default -> {
                    e.append("bash: line 1: set: ").append(a).append(": invalid option\n");
                    return 2;
                }
            }
        }
        return 0;
    }

    private int cd(List<String> args, StringBuilder e) {
        String target = args.isEmpty() ? "/root" : args.get(0);
        String p = path(target);
        if (!files.isDirectory(p)) {
            e.append("bash: line 1: cd: ").append(target).append(": ")
                    .append(files.isFile(p) ? "Not a directory" : "No such file or directory").append('\n');
            return 1;
        }
        cwd = p;
        return 0;
    }

    private int test(String name, List<String> args, StringBuilder e) {
        List<String> a = args;
        if (name.equals("[")) {
            if (a.isEmpty() || !a.get(a.size() - 1).equals("]")) {
                e.append("bash: line 1: [: missing `]'\n");
                return 2;
            }
            a = a.subList(0, a.size() - 1);
        }
        if (a.size() == 2) {
            String p = path(a.get(1));
            return switch (a.get(0)) {
                case "-f" -> files.isFile(p) ? 0 : 1;
                case "-d" -> files.isDirectory(p) ? 0 : 1;
                case "-e" -> files.isFile(p) || files.isDirectory(p) ? 0 : 1;
                default -> {
                    e.append("bash: line 1: ").append(name).append(": ").append(a.get(0)).append(": unary operator expected\n");
                    yield 2;
                }
            };
        }
        return a.size() == 1 && !a.get(0).isEmpty() ? 0 : 1;
    }

    private int mkdir(List<String> args, StringBuilder e) {
        boolean parents = false;
        int status = 0;
        for (String a : args) {
            if (a.equals("-p")) {
                parents = true;
                continue;
            }
            String p = path(a);
            try {
                if (files.isDirectory(p) && parents) {
                    continue;
                }
                if (files.isFile(p) || files.isDirectory(p)) {
                    throw new IOException("File exists");
                }
                if (!parents && !files.isDirectory(HostFiles.parent(p))) {
                    throw new FileNotFoundException();
                }
                files.mkdirs(p);
            } catch (IOException x) {
                e.append("mkdir: cannot create directory '").append(a).append("': ").append(reason(x)).append('\n');
                status = 1;
            }
        }
        return status;
    }

    private int truncate(List<String> args, StringBuilder e) {
        if (args.size() != 3 || !args.get(0).equals("-s") || !args.get(1).matches("\\d{1,19}")) {
            e.append("truncate: invalid arguments\n");
            return 1;
        }
        String p = path(args.get(2));
        try {
            if (!files.isFile(p)) {
                files.createExclusive(p);
            }
            files.truncate(p, Long.parseLong(args.get(1)));
            return 0;
        } catch (IOException x) {
            e.append("truncate: cannot open '").append(args.get(2)).append("' for writing: ").append(reason(x)).append('\n');
            return 1;
        }
    }

    private int rm(List<String> args, StringBuilder e) {
        boolean force = false;
        int status = 0;
        for (String a : args) {
            if (a.equals("-f")) {
                force = true;
                continue;
            }
            String p = path(a);
            if (files.isDirectory(p)) {
                e.append("rm: cannot remove '").append(a).append("': Is a directory\n");
                status = 1;
                continue;
            }
            try {
                if (!files.delete(p) && !force) {
                    e.append("rm: cannot remove '").append(a).append("': No such file or directory\n");
                    status = 1;
                }
            } catch (IOException x) {
                e.append("rm: cannot remove '").append(a).append("': ").append(reason(x)).append('\n');
                status = 1;
            }
        }
        return status;
    }

    private int stat(List<String> args, StringBuilder o, StringBuilder e) {
        if (args.size() < 3 || !args.get(0).equals("-c")) {
            e.append("stat: this simulated host knows only stat -c FORMAT FILE...\n");
            return 1;
        }
        int status = 0;
        for (String f : args.subList(2, args.size())) {
            String p = path(f);
            try {
                long size = files.isDirectory(p) ? 4096 : files.size(p);
                o.append(format(args.get(1), f, size)).append('\n');
            } catch (IOException x) {
                e.append("stat: cannot statx '").append(f).append("': No such file or directory\n");
                status = 1;
            }
        }
        return status;
    }

    private static String format(String fmt, String name, long size) {
        return fmt.replace("%n", name).replace("%s", String.valueOf(size));
    }

    private int find(List<String> args, StringBuilder o, StringBuilder e) {
        if (args.isEmpty()) {
            e.append("find: missing path\n");
            return 1;
        }
        String start = args.get(0);
        List<Pattern> names = new ArrayList<>();
        String printf = null;
        boolean filesOnly = false;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "-maxdepth" -> {
                    if (i + 1 >= args.size() || !args.get(++i).equals("1")) {
                        e.append("find: this simulated host knows only -maxdepth 1\n");
                        return 1;
                    }
                }
                case "-type" -> {
                    if (i + 1 >= args.size() || !args.get(++i).equals("f")) {
                        e.append("find: this simulated host knows only -type f\n");
                        return 1;
                    }
                    filesOnly = true;
                }
                case "(", ")", "-o" -> {
                    // the -name tests are alternatives, and the only ones
                }
                case "-name" -> {
                    if (i + 1 >= args.size()) {
                        e.append("find: missing argument to `-name'\n");
                        return 1;
                    }
                    names.add(glob(args.get(++i)));
                }
                case "-printf" -> {
                    if (i + 1 >= args.size()) {
                        e.append("find: missing argument to `-printf'\n");
                        return 1;
                    }
                    printf = args.get(++i).replace("\\n", "\n");
                }
                default -> {
                    e.append("find: unknown predicate `").append(a).append("'\n");
                    return 1;
                }
            }
        }
        String dir = path(start);
        if (!files.isDirectory(dir)) {
            e.append("find: '").append(start).append("': No such file or directory\n");
            return 1;
        }
        try {
            if (!filesOnly && names.isEmpty()) {
                o.append(printf == null ? start + "\n" : printf.replace("%f", start).replace("%s", "4096"));
            }
            for (String f : files.files(dir)) {
                if (!names.isEmpty() && names.stream().noneMatch(p -> p.matcher(f).matches())) {
                    continue;
                }
                String full = dir.equals("/") ? "/" + f : dir + "/" + f;
                String shownPath = start.endsWith("/") ? start + f : start + "/" + f;
                o.append(printf == null ? shownPath + "\n"
                        : printf.replace("%f", f).replace("%s", String.valueOf(files.size(full))));
            }
            return 0;
        } catch (IOException x) {
            e.append("find: '").append(start).append("': ").append(reason(x)).append('\n');
            return 1;
        }
    }

    private static Pattern glob(String g) {
        StringBuilder re = new StringBuilder();
        for (char c : g.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
