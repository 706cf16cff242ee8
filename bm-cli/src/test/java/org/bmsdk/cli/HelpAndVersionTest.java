package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help}, {@code --version}, and what bad usage gets: exit 2 and the usage on stderr. */
class HelpAndVersionTest {

    private static final String[] COMMANDS = {"select", "lifecycle", "node", "ssh", "lab", "power", "boot", "vmedia", "inventory",
        "health", "bios", "sel", "backup", "switch", "volume", "help"};

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpListsEveryCommandAndGlobalOptionOnStdout(String flag) {
        Run r = Run.of(flag);
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().startsWith("Usage: bmctl"), r::toString);
        for (String c : COMMANDS) {
            assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith(c + " ")), "help lists " + c + ": " + r);
        }
        for (String o : new String[] {"--endpoint", "--credentials-file", "--identity", "--known-hosts", "--ca", "--insecure", "--json",
            "--store"}) {
            assertTrue(r.out().contains(o), "help shows " + o + ": " + r);
        }
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"node", "ssh", "boot", "backup", "switch", "switch port", "volume"})
    void aGroupWithoutSubcommandPrintsItsUsage(String group) {
        Run r = Run.of(group.split(" "));
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().startsWith("Usage: bmctl " + group), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"select", "lifecycle", "node", "ssh", "lab", "power", "boot", "vmedia", "inventory", "health", "bios", "sel",
        "backup", "switch", "volume"})
    void everySubcommandHasHelp(String command) {
        Run viaFlag = Run.of(command, "--help");
        assertEquals(0, viaFlag.status(), viaFlag::toString);
        assertTrue(viaFlag.out().startsWith("Usage: bmctl " + command), viaFlag::toString);
        Run viaHelp = Run.of("help", command);
        assertEquals(0, viaHelp.status(), viaHelp::toString);
        assertEquals(viaFlag.out(), viaHelp.out());
    }

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void versionIsTheProjectVersion(String flag) throws IOException {
        String built = builtVersion();
        assertEquals(projectVersion(), built, "version.properties is filtered with the pom's version");
        Run r = Run.of(flag);
        assertEquals(0, r.status(), r::toString);
        assertEquals(1, r.outLines().size(), r::toString);
        assertTrue(r.out().startsWith("bmctl " + built + " (bm-sdk, Java "), r::toString);
        assertFalse(r.out().contains("unknown"), r::toString);
        assertEquals("", r.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"select --version", "node -V", "node list --version", "ssh exec --version", "lifecycle -V", "lab -V",
        "power --version", "boot set -V", "switch port trunk -V", "volume attach --version"})
    void versionAfterASubcommandPrintsTheSameVersion(String args) {
        Run r = Run.of(args.split(" "));
        assertEquals(0, r.status(), r::toString);
        assertEquals(Run.of("--version").out(), r.out());
    }

    @Test
    void unknownOptionIsBadUsageWithTheUsageOnStderr() {
        Run r = Run.of("--no-such-option");
        assertEquals(2, r.status(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("Unknown option: '--no-such-option'"), r::toString);
        assertTrue(r.err().contains("Usage: bmctl"), r::toString);
    }

    @Test
    void unknownOptionOfASubcommandShowsThatSubcommandsUsage() {
        Run r = Run.of("select", "-r", "cpu.cores >= 1", "--frobnicate");
        assertEquals(2, r.status(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("'--frobnicate'"), r::toString);
        assertTrue(r.err().contains("Usage: bmctl select"), r::toString);
    }

    @Test
    void unknownSubcommandIsBadUsageWithTheUsageOnStderr() {
        Run r = Run.of("frobnicate");
        assertEquals(2, r.status(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().contains("'frobnicate'"), r::toString);
        assertTrue(r.err().contains("Usage: bmctl"), r::toString);
        Run nested = Run.of("node", "frobnicate");
        assertEquals(2, nested.status(), nested::toString);
        assertTrue(nested.err().contains("Usage: bmctl node"), nested::toString);
    }

    @Test
    void missingRequiredOptionOrParameterIsBadUsage() {
        Run noRequire = Run.of("select");
        assertEquals(2, noRequire.status(), noRequire::toString);
        assertTrue(noRequire.err().contains("--require"), noRequire::toString);
        Run noCommand = Run.of("ssh", "exec", "--endpoint", "ssh://127.0.0.1:22");
        assertEquals(2, noCommand.status(), noCommand::toString);
        assertTrue(noCommand.err().contains("COMMAND"), noCommand::toString);
    }

    /** The version Maven wrote into the resource bmctl reads, as it is on the class path. */
    private static String builtVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Bmctl.class.getResourceAsStream("version.properties")) {
            assertNotNull(in, "version.properties is on the class path");
            p.load(in);
        }
        String v = p.getProperty("version");
        assertNotNull(v);
        assertFalse(v.isBlank() || v.contains("${"), "filtered: " + v);
        return v;
    }

    /** The version in bm-cli's pom (its parent's, as bm-cli inherits it). */
    private static String projectVersion() throws IOException {
        String pom = Files.readString(Path.of(System.getProperty("basedir", "."), "pom.xml"));
        Matcher m = Pattern.compile("<parent>.*?<version>\\s*([^<\\s]+)\\s*</version>", Pattern.DOTALL).matcher(pom);
        assertTrue(m.find(), "the pom names its parent's version");
        return m.group(1);
    }
}
