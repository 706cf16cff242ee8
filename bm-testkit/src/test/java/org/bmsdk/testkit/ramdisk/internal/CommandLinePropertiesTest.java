package org.bmsdk.testkit.ramdisk.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.testkit.ramdisk.internal.CommandLine.AndOr;
import org.bmsdk.testkit.ramdisk.internal.CommandLine.Script;
import org.bmsdk.testkit.ramdisk.internal.CommandLine.Simple;

/** The ramdisk's command-line parser: what a client quotes comes back word for word, and nothing crashes it. */
class CommandLinePropertiesTest {

    @Provide
    Arbitrary<List<List<List<String>>>> scripts() {
        Arbitrary<String> word = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', 'é').ofMinLength(0).ofMaxLength(12);
        Arbitrary<List<String>> command = word.list().ofMinSize(1).ofMaxSize(5);
        Arbitrary<List<List<String>>> andOr = command.list().ofMinSize(1).ofMaxSize(3);
        return andOr.list().ofMinSize(0).ofMaxSize(3);
    }

    /** Every word quoted in one of the three ways a client may, joined by random operators, parses back to the same words. */
    @Property
    void quotedWordsComeBackAsTheyWere(@ForAll("scripts") List<List<List<String>>> script,
            @ForAll("ops") List<String> ops, @ForAll("quotings") List<Integer> quoting) throws Exception {
        StringBuilder line = new StringBuilder();
        int k = 0;
        List<AndOr> expected = new ArrayList<>();
        for (List<List<String>> andOr : script) {
            if (line.length() > 0) {
                line.append(k % 2 == 0 ? " ; " : "\n");
            }
            List<Simple> commands = new ArrayList<>();
            List<String> usedOps = new ArrayList<>();
            for (int c = 0; c < andOr.size(); c++) {
                if (c > 0) {
                    String op = ops.get(k % ops.size());
                    usedOps.add(op);
                    line.append(' ').append(op).append(' ');
                }
                List<String> words = andOr.get(c);
                for (int w = 0; w < words.size(); w++) {
                    if (w > 0) {
                        line.append(' ');
                    }
                    line.append(quote(words.get(w), quoting.get(k++ % quoting.size())));
                }
                commands.add(new Simple(words, List.of()));
            }
            expected.add(new AndOr(commands, usedOps));
        }
        assertEquals(new Script(expected), CommandLine.parse(line.toString()));
    }

    @Provide
    Arbitrary<List<String>> ops() {
        return Arbitraries.of("&&", "||").list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> quotings() {
        return Arbitraries.integers().between(0, 2).list().ofMinSize(1).ofMaxSize(4);
    }

    /** Any line either parses or is a syntax error: nothing else escapes the parser. */
    @Property
    void anyLineParsesOrIsASyntaxError(@ForAll("lines") String line) {
        try {
            Script s = CommandLine.parse(line);
            for (AndOr a : s.items()) {
                assertEquals(a.commands().size(), a.ops().size() + 1);
            }
        } catch (CommandLine.SyntaxError expected) {
            // a line outside the subset
        }
    }

    @Provide
    Arbitrary<String> lines() {
        return Arbitraries.strings().withChars("ab 2>&|;'\"\\\n\t$`()<-/=").ofMaxLength(30);
    }

    /** The three quotings a client may use: single quotes (with '\'' for a quote), double quotes, backslashes. */
    static String quote(String word, int how) {
        switch (how) {
            case 0:
                return "'" + word.replace("'", "'\\''") + "'";
            case 1: {
                StringBuilder sb = new StringBuilder("\"");
                for (char c : word.toCharArray()) {
                    if (c == '"' || c == '\\' || c == '$' || c == '`') {
                        // $ and ` are refused even escaped? No: escaped they are literal; but the parser refuses unescaped ones only.
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                return sb.append('"').toString();
            }
            default: {
                if (word.isEmpty()) {
                    return "''";
                }
                StringBuilder sb = new StringBuilder();
                for (char c : word.toCharArray()) {
                    if (!Character.isLetterOrDigit(c) && "/._-=,:".indexOf(c) < 0) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                return sb.toString();
            }
        }
    }
}
