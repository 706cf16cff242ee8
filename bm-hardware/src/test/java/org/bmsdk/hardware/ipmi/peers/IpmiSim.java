package org.bmsdk.hardware.ipmi.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * OpenIPMI's {@code ipmi_sim} as a BMC on udp 127.0.0.1 and a port chosen at run time, configured
 * from files this class writes into a directory: {@code lan.conf} (one LAN channel, users), an
 * emulator script ({@code bmc.emu}: the MC, a SEL with seeded entries, optionally FRU 0) and the
 * chassis control hook ({@code chassis.sh}) that ipmi_sim calls for power and boot, which keeps
 * the state in files and logs every call to {@code chassis.log}, so tests can check what the BMC
 * was asked to do.
 *
 * <p>ipmi_sim 2.0.33 offers cipher suites 0 to 11 (no SHA-256, so no 17) and refuses Chassis
 * Control "pulse diagnostic interrupt" with 0xCC.
 */
public final class IpmiSim implements AutoCloseable {

    /** The program (Debian package openipmi); -Dbm.test.ipmisim=PATH for another one. */
    public static final String PROGRAM = System.getProperty("bm.test.ipmisim", "ipmi_sim");
    /** The admin user. */
    public static final String ADMIN = "admin";
    /** An operator-only user; its password is {@link #operatorPassword()}. */
    public static final String OPERATOR = "operator";

    private final Path dir;
    private final int port;
    private final String password;
    private final String operatorPassword;
    private final Process process;
    private final FakeSerialConsole console;

    private IpmiSim(Path dir, int port, String password, String operatorPassword, Process process, FakeSerialConsole console) {
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.operatorPassword = operatorPassword;
        this.process = process;
        this.console = console;
    }

    /** @return what is missing to run ipmi_sim, or null */
    public static String missing() {
        return Peers.installed(PROGRAM) ? null : "OpenIPMI's ipmi_sim is needed for the IPMI interop tests but is missing";
    }

    /**
     * Starts an instance, or skips the test (fails it under CI=true) when ipmi_sim is missing.
     *
     * @param dir an empty directory for its files
     * @param fru a FRU 0 image, or null for none
     * @return the running BMC
     */
    public static IpmiSim start(Path dir, byte[] fru) throws IOException, InterruptedException {
        return start(dir, fru, false);
    }

    /**
     * Starts an instance, with Serial-over-LAN to a {@link FakeSerialConsole} when asked, or skips
     * the test (fails it under CI=true) when ipmi_sim is missing.
     *
     * @param dir an empty directory for its files
     * @param fru a FRU 0 image, or null for none
     * @param sol whether to configure SOL ({@link #console()})
     * @return the running BMC, its console connected
     */
    public static IpmiSim start(Path dir, byte[] fru, boolean sol) throws IOException, InterruptedException {
        Peers.require(missing());
        FakeSerialConsole console = sol ? new FakeSerialConsole(dir.resolve("console.log")) : null;
        try {
            IpmiSim sim = launch(dir, fru, console);
            if (console != null && !console.awaitConnected(Duration.ofSeconds(10))) {
                sim.close();
                throw new IOException("ipmi_sim did not connect to its serial console: " + Files.readString(dir.resolve("ipmi_sim.out")));
            }
            return sim;
        } catch (IOException | RuntimeException e) {
            if (console != null) {
                console.close();
            }
            throw e;
        }
    }

    private static IpmiSim launch(Path dir, byte[] fru, FakeSerialConsole console) throws IOException, InterruptedException {
        String password = Peers.randomText(12);
        String operatorPassword = Peers.randomText(12);
        writeHook(dir);
        writeEmu(dir, fru);
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = Peers.freeUdpPort();
            writeLanConf(dir, port, password, operatorPassword, console);
            Files.createDirectories(dir.resolve("state"));
            Process p = new ProcessBuilder(PROGRAM, "-n", "-c", dir.resolve("lan.conf").toString(), "-f",
                    dir.resolve("bmc.emu").toString(), "-s", dir.resolve("state").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("ipmi_sim.out").toFile()).start();
            if (Peers.awaitUdp(port, p, Duration.ofSeconds(10))) {
                return new IpmiSim(dir, port, password, operatorPassword, p, console);
            }
            Peers.stop(p);
            last = new IOException("ipmi_sim did not listen on udp " + port + ": "
                    + Files.readString(dir.resolve("ipmi_sim.out")));
        }
        throw last;
    }

    private static void writeHook(Path dir) throws IOException {
        Files.writeString(dir.resolve("power"), "0\n");
        Files.writeString(dir.resolve("boot"), "default\n");
        // ipmi_sim runs: chassis.sh 0x20 get power|boot, or set power 0|1 | shutdown 1 | reset 1 | boot X | identify "s f"
        String hook = "#!/bin/sh\n"
                + "D='" + dir + "'\n"
                + "mc=$1; op=$2; shift 2\n"
                + "echo \"$op $*\" >> \"$D/chassis.log\"\n"
                + "case $op in\n"
                + "  get) for p in \"$@\"; do case $p in\n"
                + "         power) echo \"power:$(cat \"$D/power\")\" ;;\n"
                + "         boot) echo \"boot:$(cat \"$D/boot\")\" ;;\n"
                + "         *) echo \"Invalid parameter: $p\"; exit 1 ;;\n"
                + "       esac; done ;;\n"
                + "  set) while [ $# -ge 2 ]; do p=$1; v=$2; shift 2; case $p in\n"
                + "         power) echo \"$v\" > \"$D/power\" ;;\n"
                + "         shutdown) echo 0 > \"$D/power\" ;;\n"
                + "         reset|identify) : ;;\n"
                + "         boot) echo \"$v\" > \"$D/boot\" ;;\n"
                + "         *) echo \"Invalid parameter: $p\"; exit 1 ;;\n"
                + "       esac; done ;;\n"
                + "  check) exit 1 ;;\n"
                + "  *) echo \"Unknown operation: $op\"; exit 1 ;;\n"
                + "esac\n"
                + "exit 0\n";
        Path p = dir.resolve("chassis.sh");
        Files.writeString(p, hook);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static void writeLanConf(Path dir, int port, String password, String operatorPassword, FakeSerialConsole console)
            throws IOException {
        // man 5 ipmi_lan; "none" is allowed here only for IPMI 1.5 sessions, which the driver never opens
        String conf = "name \"bm-sdk-test\"\n"
                + "set_working_mc 0x20\n"
                + "  startlan 1\n"
                + "    addr 127.0.0.1 " + port + "\n"
                + "    priv_limit admin\n"
                + "    allowed_auths_callback none md2 md5 straight\n"
                + "    allowed_auths_user none md2 md5 straight\n"
                + "    allowed_auths_operator none md2 md5 straight\n"
                + "    allowed_auths_admin none md2 md5 straight\n"
                + "    guid a123456789abcdefa123456789abcdef\n"
                + "  endlan\n"
                + "  chassis_control \"" + dir.resolve("chassis.sh") + " 0x20\"\n"
                + (console == null ? "" : "  sol \"tcp:" + Peers.HOST + ":" + console.port() + "\" 115200\n")
                + "  user 1 false \"\" \"unused\" user 1 md5\n"
                + "  user 2 true \"" + ADMIN + "\" \"" + password + "\" admin 64 none md2 md5 straight\n"
                + "  user 3 true \"" + OPERATOR + "\" \"" + operatorPassword + "\" operator 64 md5\n";
        Files.writeString(dir.resolve("lan.conf"), conf);
    }

    private static void writeEmu(Path dir, byte[] fru) throws IOException {
        long now = Instant.now().getEpochSecond();
        StringBuilder emu = new StringBuilder()
                .append("mc_setbmc 0x20\n")
                // device support 0x9f: sensor, SDR repository, SEL, FRU inventory, IPMB event receiver, chassis
                .append("mc_add 0x20 0 no-device-sdrs 0x23 9 8 0x9f 0x1291 0xf02 persist_sdr\n")
                .append("sel_enable 0x20 1000 0x0a\n")
                // record type 02h, timestamp, generator 0020h, EvM rev 04h, sensor type, number, event type, data 1-3:
                // temperature #1 upper critical going high (reading 95h, threshold 90h), then power unit #2 power off
                .append("sel_add 0x20 0x02 ").append(le32(now - 60)).append(" 0x20 0x00 0x04 0x01 0x01 0x01 0x59 0x95 0x90\n")
                .append("sel_add 0x20 0x02 ").append(le32(now)).append(" 0x20 0x00 0x04 0x09 0x02 0x6f 0x00 0xff 0xff\n");
        if (fru != null) {
            StringJoiner bytes = new StringJoiner(" ");
            for (byte b : fru) {
                bytes.add(String.format("0x%02x", b & 0xFF));
            }
            emu.append("mc_add_fru_data 0x20 0 ").append(fru.length).append(" data ").append(bytes).append('\n');
        }
        emu.append("mc_enable 0x20\n");
        Files.writeString(dir.resolve("bmc.emu"), emu.toString());
    }

    private static String le32(long v) {
        return String.format("0x%02x 0x%02x 0x%02x 0x%02x", v & 255, v >> 8 & 255, v >> 16 & 255, v >> 24 & 255);
    }

    /** @return the UDP port */
    public int port() {
        return port;
    }

    /** @return {@code ipmi://127.0.0.1:port} */
    public String uri() {
        return "ipmi://" + Peers.HOST + ":" + port;
    }

    /** @return the admin user's password */
    public String password() {
        return password;
    }

    /** @return the operator user's password */
    public String operatorPassword() {
        return operatorPassword;
    }

    /** @return the directory of its files */
    public Path dir() {
        return dir;
    }

    /** @return the power state the hook keeps: true when on */
    public boolean powerOn() throws IOException {
        return Files.readString(dir.resolve("power")).trim().equals("1");
    }

    /** Sets the power state the hook reports, as if the machine changed by itself. */
    public void setPower(boolean on) throws IOException {
        Files.writeString(dir.resolve("power"), on ? "1\n" : "0\n");
    }

    /** @return the boot device the hook keeps: none, pxe, default, cdrom, bios */
    public String boot() throws IOException {
        return Files.readString(dir.resolve("boot")).trim();
    }

    /** @return the "set ..." calls of the chassis hook, oldest first, such as {@code set power 0} */
    public List<String> setCalls() throws IOException {
        Path log = dir.resolve("chassis.log");
        List<String> out = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                if (line.startsWith("set ")) {
                    out.add(line.trim());
                }
            }
        }
        return out;
    }

    /** Forgets the hook calls so far. */
    public void clearCalls() throws IOException {
        Files.deleteIfExists(dir.resolve("chassis.log"));
    }

    /** @return the process, to pause with SIGSTOP in tests */
    public Process process() {
        return process;
    }

    /** @return the serial console behind SOL; null when started without */
    public FakeSerialConsole console() {
        return console;
    }

    @Override
    public void close() {
        Peers.stop(process);
        if (console != null) {
            try {
                console.close();
            } catch (IOException e) {
                // nothing left to do
            }
        }
    }
}
