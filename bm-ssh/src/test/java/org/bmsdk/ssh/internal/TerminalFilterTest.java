package org.bmsdk.ssh.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TerminalFilterTest {

    private static String clean(String s) {
        return new TerminalFilter().feed(s);
    }

    @Test
    void bracketedPasteAroundABashPromptIsRemoved() {
        assertEquals("root@vm:~# echo hi\nhi\nroot@vm:~# ",
                clean("\u001b[?2004hroot@vm:~# echo hi\r\n\u001b[?2004l\rhi\r\n\u001b[?2004hroot@vm:~# "));
    }

    @Test
    void coloursCursorMovesAndTitlesAreRemoved() {
        assertEquals("ok done", clean("\u001b[01;32mok\u001b[0m \u001b[2K\u001b[10;1Hdone"));
        assertEquals("prompt$ ", clean("\u001b]0;root@vm: ~\u0007prompt$ "));
        assertEquals("x", clean("\u001b]2;title\u001b\\x"));
        assertEquals("ab", clean("a\u001b=\u001b(Bb"));
        assertEquals("after", clean("\u009b1mafter"));
    }

    @Test
    void controlCharactersGoButTabsAndNewlinesStay() {
        assertEquals("a\tb\nc", clean("a\tb\r\n\u0007c\u0008"));
        assertEquals("héllo ✓", clean("héllo ✓"));
    }

    @Test
    void aStrayEscapeDoesNotSwallowTheNextLine() {
        assertEquals("line\nnext", clean("line\u001b]oops\nnext"));
    }

    @Property
    void cuttingTheInputAnywhereGivesTheSameText(@ForAll("terminalText") String text, @ForAll @IntRange(max = 400) int cut) {
        int at = Math.min(cut, text.length());
        TerminalFilter f = new TerminalFilter();
        String pieces = f.feed(text.substring(0, at)) + f.feed(text.substring(at));
        assertEquals(clean(text), pieces);
    }

    @Property
    void outputHasNoEscapeOrCarriageReturn(@ForAll("terminalText") String text) {
        String out = clean(text);
        assertEquals(-1, out.indexOf('\u001b'), out);
        assertEquals(-1, out.indexOf('\r'), out);
    }

    @Provide
    Arbitrary<String> terminalText() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().withChars(' ', '#', '$', '>', '\n', '\r', '\t').ofMaxLength(12),
                Arbitraries.of("\u001b[?2004h", "\u001b[?2004l", "\u001b[0m", "\u001b[01;34m", "\u001b]0;t\u0007",
                        "\u001b]2;t\u001b\\", "\u001b", "\u001b[", "\u001b]", "\u0007", "\u009b", "\r\n", "✓"));
        return pieces.list().ofMaxSize(30).map(l -> String.join("", l));
    }
}
