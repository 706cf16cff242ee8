package org.bmsdk.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time used so far by this JVM's JIT compiler threads (Linux, {@code /proc/self/task}), so that
 * a benchmark can say how much of its window's CPU went to compiling rather than to the work: a JVM
 * client still compiling is charged for it, while wrk (C) never is.
 */
public final class CompilerCpu {

    private CompilerCpu() {
    }

    /**
     * @return nanoseconds of user and system time of this JVM's threads named {@code C1 CompilerThre...}
     *     or {@code C2 CompilerThre...} that exist now (one that has exited is not counted), or -1
     *     when {@code /proc} cannot be read
     */
    public static long nanos() {
        return nanos("self");
    }

    /**
     * The same for other JVMs (the simulator hosts).
     *
     * @param pids process ids, comma-separated
     * @return their compiler threads' CPU so far, in ns, or -1 when one cannot be read
     */
    public static long nanosOf(String pids) {
        long total = 0;
        for (String pid : pids.split(",")) {
            long n = nanos(pid.strip());
            if (n < 0) {
                return -1;
            }
            total += n;
        }
        return total;
    }

    private static long nanos(String pid) {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread has just exited
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                if (!name.startsWith("C1 Compiler") && !name.startsWith("C2 Compiler")) {
                    continue;
                }
                // fields after the name: utime is the 14th of the line, stime the 15th
                String[] f = stat.substring(close + 2).split(" ");
                ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }
}
