package org.bmsdk.testkit.console.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.bmsdk.api.credentials.Secret;
import org.bmsdk.testkit.console.SimulatedVendorConsole;
import org.bmsdk.testkit.console.VendorConsoleFlavor;
import org.bmsdk.testkit.console.VendorConsoleSpec;
import org.bmsdk.testkit.machine.MachineSpec;
import org.bmsdk.testkit.machine.SimulatedMachine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The simulated vendor consoles seen by the real OpenSSH client ({@code ssh -tt}, the password fed
 * by sshpass, the host key checked against a known_hosts file): log in, connect the console with
 * the vendor's command, see the machine's output, type into it, leave with the vendor's escape and
 * find the prompt again. OpenSSH and sshpass come from {@code .ci/install-peers.sh ssh}; without
 * them the test is skipped, or fails under CI=true.
 */
class OpenSshConsoleInteropTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    SimulatedMachine machine;
    SimulatedVendorConsole bmc;
    Process ssh;

    @AfterEach
    void stop() {
        if (ssh != null) {
            ssh.destroyForcibly();
        }
        if (bmc != null) {
            bmc.close();
        }
        if (machine != null) {
            machine.close();
        }
    }

    static void requirePeers() {
        for (String p : List.of("/usr/bin/ssh", "/usr/bin/sshpass")) {
            if (!Files.isExecutable(Path.of(p))) {
                String msg = p + " missing (Debian openssh-client, sshpass); run .ci/install-peers.sh ssh";
                if ("true".equals(System.getenv("CI"))) {
                    fail(msg);
                }
                Assumptions.abort(msg);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(VendorConsoleFlavor.class)
    void theRealClientSeesTheConsole(VendorConsoleFlavor flavor) throws Exception {
        requirePeers();
        machine = SimulatedMachine.create(MachineSpec.builder("interop-node").build());
        bmc = SimulatedVendorConsole.start(VendorConsoleSpec.builder().flavor(flavor)
                .credentials("root", Secret.of("calvin")).build(), machine);
        Path known = dir.resolve("known_hosts");
        Files.writeString(known, bmc.knownHostsLine() + "\n");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/sshpass", "-e", "/usr/bin/ssh", "-tt", "-F", "/dev/null",
                "-o", "UserKnownHostsFile=" + known, "-o", "StrictHostKeyChecking=yes", "-o", "PubkeyAuthentication=no",
                "-o", "PreferredAuthentications=password,keyboard-interactive", "-o", "ConnectTimeout=10",
                "-p", Integer.toString(bmc.port()), "root@127.0.0.1").redirectErrorStream(true);
        // the password travels in the environment, never on a command line that ps shows
        pb.environment().put("SSHPASS", "calvin");
        ssh = pb.start();
        Transcript out = new Transcript(ssh.getInputStream());
        OutputStream keys = ssh.getOutputStream();
        String prompt = flavor == VendorConsoleFlavor.IDRAC ? "racadm>>" : "</>hpiLO->";
        out.await(prompt);

        send(keys, (flavor == VendorConsoleFlavor.IDRAC ? "console com2" : "vsp") + "\r");
        out.await(flavor == VendorConsoleFlavor.IDRAC ? "To end type: ^\\" : "Press 'ESC (' to return to the CLI Session.");
        await(() -> bmc.connectedConsoles() == 1, "the console connected");

        machine.console().write("Debian GNU/Linux 12 interop-node ttyS0\r\n\r\ninterop-node login: ");
        out.await("interop-node login: ");
        send(keys, "root\r");
        await(() -> machine.console().inputText().equals("root\r"), "the keystrokes reached the machine: '"
                + machine.console().inputText() + "'");

        int prompts = out.count(prompt);
        send(keys, flavor == VendorConsoleFlavor.IDRAC ? "\u001c" : "\u001b(");
        await(() -> out.count(prompt) == prompts + 1, "back at the prompt after the escape; saw " + out.tail());
        await(() -> bmc.connectedConsoles() == 0, "the console released");
        send(keys, "exit\r");
        assertTrue(ssh.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), "ssh ended after exit");
        assertEquals("root\r", machine.console().inputText(), "nothing but the keystrokes reached the machine");
        assertEquals(1, bmc.logins());
    }

    static void send(OutputStream keys, String s) throws IOException {
        keys.write(s.getBytes(StandardCharsets.ISO_8859_1));
        keys.flush();
    }

    static void await(BooleanSupplier c, String what) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT + ": " + what);
            }
            Thread.sleep(10);
        }
    }

    /** What the client printed, read on a thread of its own. */
    static final class Transcript {
        private final StringBuffer text = new StringBuffer();

        Transcript(InputStream in) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[4096];
                try {
                    for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                        text.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException e) {
                    text.append("<").append(e).append(">");
                }
            }, "ssh-transcript");
            t.setDaemon(true);
            t.start();
        }

        void await(String s) throws InterruptedException {
            OpenSshConsoleInteropTest.await(() -> text.indexOf(s) >= 0, "ssh shows '" + s + "'; it showed: " + tail());
        }

        int count(String s) {
            String t = text.toString();
            int n = 0;
            for (int i = t.indexOf(s); i >= 0; i = t.indexOf(s, i + 1)) {
                n++;
            }
            return n;
        }

        String tail() {
            String t = text.toString();
            return t.length() > 300 ? "…" + t.substring(t.length() - 300) : t;
        }
    }
}
