package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code console} examples of docs/CLI.md and compares what bmctl prints with what the
 * document shows, so that the document cannot drift from the tool. The {@code ssh exec} examples
 * need an sshd at a fixed address and are checked by hand; {@link SshExecInteropTest} covers what
 * they show.
 *
 * <p>A command line may be {@code export NAME=VALUE}, {@code sleep SECONDS} or {@code ./bmctl ARGS},
 * optionally piped through {@code head -N} or {@code grep [-A N] [-m N] PATTERN}, optionally
 * followed by {@code ; echo "exit $?"}. In the expected output, {@code ...} stands for any text
 * within a line, and a line of {@code ...} alone for any number of lines. Stderr is shown before
 * stdout, as it comes first in every example here.
 *
 * <p>{@code ./bmctl lab ARGS} starts that lab in a process of its own, as the document does in a
 * terminal of its own, and expects its line of JSON, then its line on stderr. Its ports, password
 * and CA path differ from the run the document shows: from then on, each value of the document's
 * line stands for the value of the real one (CA and known_hosts paths, BMC and switch endpoints,
 * passwords), in the commands and in what they print.
 */
class CliDocTest {


    private static final String DEMO_DIR = "/tmp/bmctl-demo";
    private static final Pattern BLOCK = Pattern.compile("```console\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dir;

    private final List<LabProcess> labs = new ArrayList<>();
    /** A value of a lab line of the document, and the value the running lab has instead. */
    private final Map<String, String> labValues = new LinkedHashMap<>();

    @AfterEach
    void stopLabs() {
        labs.forEach(LabProcess::close);
    }

    @Test
    void everyExampleOutsideSshPrintsWhatTheDocumentShows() throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("basedir", "."), "..", "docs", "CLI.md"));
        Map<String, String> env = new HashMap<>();
        int checked = 0;
        List<String> mismatches = new ArrayList<>();
        Matcher blocks = BLOCK.matcher(doc);
        while (blocks.find()) {
            String block = blocks.group(1);
            if (block.contains("ssh exec")) {
                continue;
            }
            for (Example e : Example.parse(block)) {
                if (e.command().startsWith("./bmctl lab")) {
                    startLab(e);
                }
                String command = lab(e.command().replace(DEMO_DIR, dir.toString()));
                String expected = lab(e.output().replace(DEMO_DIR, dir.toString()));
                String actual = e.command().startsWith("./bmctl lab") ? labShows(labs.get(labs.size() - 1)) : run(command, env);
                if (!matches(expected, actual)) {
                    mismatches.add("$ " + e.command() + "\n--- the document shows:\n" + expected + "\n--- bmctl printed:\n" + actual);
                }
                checked++;
            }
        }
        assertTrue(checked >= 30, "found the examples: " + checked);
        assertEquals(List.of(), mismatches, () -> String.join("\n\n", mismatches));
    }

    /**
     * Starts the lab of a {@code ./bmctl lab ARGS} example and maps each value of the line the
     * document shows (CA path, endpoints, passwords) to the running lab's.
     */
    private void startLab(Example e) throws IOException {
        List<String> words = pipeline(e.command()).get(0);
        LabProcess lab = LabProcess.start(words.subList(2, words.size()).toArray(String[]::new));
        labs.add(lab);
        JsonNode shown = new ObjectMapper().readTree(e.output().lines().findFirst().orElseThrow());
        JsonNode real = lab.json();
        if (shown.get("ca").isTextual() && real.get("ca").isTextual()) {
            labValues.put(shown.get("ca").asText(), real.get("ca").asText());
        }
        for (int i = 0; i < Math.min(shown.get("machines").size(), real.get("machines").size()); i++) {
            for (String key : List.of("redfish", "ipmi", "password")) {
                labValues.put(shown.get("machines").get(i).get(key).asText(), real.get("machines").get(i).get(key).asText());
            }
            JsonNode shownMachine = shown.get("machines").get(i);
            JsonNode realMachine = real.get("machines").get(i);
            if (shownMachine.has("ramdisk") && realMachine.has("ramdisk")) {
                labValues.put(shownMachine.get("heartbeat").asText(), realMachine.get("heartbeat").asText());
                for (String key : List.of("ssh", "known_hosts")) {
                    labValues.put(shownMachine.get("ramdisk").get(key).asText(), realMachine.get("ramdisk").get(key).asText());
                }
            }
        }
        if (shown.has("known_hosts") && real.has("known_hosts")) {
            labValues.put(shown.get("known_hosts").asText(), real.get("known_hosts").asText());
        }
        if (shown.has("console_known_hosts") && real.has("console_known_hosts")) {
            labValues.put(shown.get("console_known_hosts").asText(), real.get("console_known_hosts").asText());
        }
        for (int i = 0; i < Math.min(shown.get("machines").size(), real.get("machines").size()); i++) {
            JsonNode sm = shown.get("machines").get(i);
            JsonNode rm = real.get("machines").get(i);
            if (sm.has("console") && rm.has("console")) {
                labValues.put(sm.get("console").asText(), rm.get("console").asText());
            }
        }
        if (shown.has("storage") && real.has("storage")) {
            for (String key : List.of("ssh", "password", "portal", "known_hosts")) {
                labValues.put(shown.get("storage").get(key).asText(), real.get("storage").get(key).asText());
            }
        }
        if (shown.has("switches") && real.has("switches")) {
            for (int i = 0; i < Math.min(shown.get("switches").size(), real.get("switches").size()); i++) {
                labValues.put(shown.get("switches").get(i).get("ssh").asText(), real.get("switches").get(i).get("ssh").asText());
                // the host:port the switch's messages name, as in "host key of 127.0.0.1:PORT"
                labValues.put(shown.get("switches").get(i).get("ssh").asText().substring("ssh://".length()),
                        real.get("switches").get(i).get("ssh").asText().substring("ssh://".length()));
            }
        }
    }

    /** A lab's line of JSON and, once it comes, its line on stderr. */
    private static String labShows(LabProcess lab) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lab.stderr().isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return lab.line() + "\n" + lab.stderr().lines().findFirst().orElse("");
    }

    /** Text of the document with the values of its lab lines replaced by the running labs', in one pass. */
    private String lab(String text) {
        if (labValues.isEmpty()) {
            return text;
        }
        List<String> keys = new ArrayList<>(labValues.keySet());
        keys.sort(Comparator.comparingInt(String::length).reversed());
        Pattern any = Pattern.compile(keys.stream().map(Pattern::quote).collect(Collectors.joining("|")) + "(?![0-9A-Za-z])");
        Matcher m = any.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(labValues.get(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Runs one command line of the document and returns what a terminal would show. */
    private static String run(String line, Map<String, String> env) {
        if (line.startsWith("export ")) {
            String[] kv = line.substring("export ".length()).split("=", 2);
            env.put(kv[0], kv[1]);
            return "";
        }
        if (line.startsWith("sleep ")) {
            try {
                Thread.sleep(Math.round(Double.parseDouble(line.substring("sleep ".length()).strip()) * 1000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "";
        }
        String echoExit = "; echo \"exit $?\"";
        boolean showExit = line.endsWith(echoExit);
        if (showExit) {
            line = line.substring(0, line.length() - echoExit.length());
        }
        List<List<String>> pipeline = pipeline(line);
        List<String> bmctl = pipeline.get(0);
        if (!bmctl.get(0).equals("./bmctl")) {
            fail("a document example must start with ./bmctl or export: " + line);
        }
        Run r = Run.of(env, bmctl.subList(1, bmctl.size()).toArray(String[]::new));
        List<String> out = r.outLines();
        for (List<String> filter : pipeline.subList(1, pipeline.size())) {
            out = filter(filter, out);
        }
        StringBuilder shown = new StringBuilder(r.err());
        out.forEach(l -> shown.append(l).append('\n'));
        if (showExit) {
            shown.append("exit ").append(r.status()).append('\n');
        } else {
            assertEquals(0, r.status(), () -> "an example without echo \"exit $?\" succeeds: " + r);
        }
        return shown.toString().lines().map(String::stripTrailing).collect(Collectors.joining("\n"));
    }

    private static List<String> filter(List<String> filter, List<String> lines) {
        switch (filter.get(0)) {
            case "head":
                return lines.subList(0, Math.min(lines.size(), Integer.parseInt(filter.get(1).substring(1))));
            case "grep": {
                int after = 0;
                int max = Integer.MAX_VALUE;
                int i = 1;
                for (; filter.get(i).startsWith("-"); i += 2) {
                    if (filter.get(i).equals("-A")) {
                        after = Integer.parseInt(filter.get(i + 1));
                    } else if (filter.get(i).equals("-m")) {
                        max = Integer.parseInt(filter.get(i + 1));
                    } else {
                        fail("grep option " + filter.get(i) + " is not emulated");
                    }
                }
                Pattern p = Pattern.compile(filter.get(i));
                List<String> kept = new ArrayList<>();
                int found = 0;
                for (int n = 0; n < lines.size() && found < max; n++) {
                    if (p.matcher(lines.get(n)).find()) {
                        found++;
                        for (int k = n; k <= Math.min(lines.size() - 1, n + after); k++) {
                            kept.add(lines.get(k));
                        }
                        n += after;
                    }
                }
                return kept;
            }
            default:
                return fail("only head and grep are emulated, not " + filter);
        }
    }

    /** Splits a command line into the words of each stage of a pipeline, honouring quotes. */
    private static List<List<String>> pipeline(String line) {
        List<List<String>> stages = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (c == ' ') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else if (c == '|') {
                stages.add(words);
                words = new ArrayList<>();
            } else if (c == ';' || c == '>' || c == '<' || c == '&' || c == '$') {
                return fail("shell syntax '" + c + "' is not emulated: " + line);
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        assertEquals(0, quote, "quotes are closed: " + line);
        if (word != null) {
            words.add(word.toString());
        }
        stages.add(words);
        return stages;
    }

    /** Whether bmctl's output fits the document's, where {@code ...} stands for anything. */
    private static boolean matches(String expected, String actual) {
        StringBuilder regex = new StringBuilder();
        List<String> lines = expected.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.equals("...")) {
                regex.append("(?:[^\\n]*\\n)*?");
                continue;
            }
            List<String> parts = new ArrayList<>();
            for (String p : l.stripTrailing().split("\\.\\.\\.", -1)) {
                parts.add(Pattern.quote(p));
            }
            regex.append(String.join("[^\\n]*", parts));
            if (i < lines.size() - 1) {
                regex.append("\\n");
            }
        }
        return Pattern.compile(regex.toString()).matcher(actual).matches();
    }

    /** A command line of the document and the output shown under it. */
    record Example(String command, String output) {
        static List<Example> parse(String block) {
            List<Example> examples = new ArrayList<>();
            String command = null;
            List<String> output = new ArrayList<>();
            for (String line : block.lines().toList()) {
                if (line.startsWith("$ ")) {
                    if (command != null) {
                        examples.add(new Example(command, String.join("\n", output)));
                    }
                    command = line.substring(2);
                    output = new ArrayList<>();
                } else {
                    assertFalse(command == null, "a console block starts with a command: " + block);
                    output.add(line);
                }
            }
            if (command != null) {
                examples.add(new Example(command, String.join("\n", output)));
            }
            return examples;
        }
    }
}
