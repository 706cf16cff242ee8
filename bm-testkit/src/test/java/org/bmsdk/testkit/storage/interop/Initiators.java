package org.bmsdk.testkit.storage.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * libiscsi's command-line initiators and qemu's iSCSI driver, run as processes. Installed by
 * {@code .ci/install-peers.sh iscsi}; without them the tests are skipped, or fail under CI=true.
 */
final class Initiators {

    /** A finished process: exit status and stdout and stderr together. */
    record Result(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    private Initiators() {
    }

    static void require() {
        for (String program : List.of("iscsi-ls", "iscsi-inq", "iscsi-readcapacity16", "qemu-img", "qemu-io")) {
            if (!onPath(program)) {
                String msg = program + " missing (Debian libiscsi-bin, qemu-utils, qemu-block-extra); run .ci/install-peers.sh iscsi";
                if ("true".equals(System.getenv("CI"))) {
                    fail(msg);
                }
                Assumptions.abort(msg);
            }
        }
    }

    static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(command[0] + " did not end within 60 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(java.io.File.pathSeparator)).stream()
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, program)));
    }
}
