package org.bmsdk.testkit.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DocSnippetsTest {

    @Test
    void regionsAreTakenBetweenMatchingTagsWithTheirIndentationRemoved() {
        String source = "class A {\n"
                + "    void f() {\n"
                + "        // tag::one[]\n"
                + "        int a = 1;\n"
                + "            int b = 2;   \n"
                + "        // end::one[]\n"
                + "        // tag::open[]\n"
                + "        int c = 3;\n"
                + "        // end::other[]\n"
                + "        // tag::two-words[]\n"
                + "        g();\n"
                + "        // end::two-words[]\n"
                + "    }\n"
                + "}\n";
        assertEquals(List.of("int a = 1;\n    int b = 2;", "g();"), DocSnippets.regions(source));
    }

    @Test
    void aSourceWithoutTagsHasNoRegion() {
        assertEquals(List.of(), DocSnippets.regions("class A {\n    // tag::x\n}\n"));
    }

    @Test
    void aDocumentLackingARegionFailsAndShowsIt() {
        // tag::not-in-the-document[]
        String shownNowhere = "DocSnippetsTest: a region no document shows";
        // end::not-in-the-document[]
        AssertionError e = assertThrows(AssertionError.class,
                () -> DocSnippets.assertShownIn("docs/STORAGE.md", DocSnippetsTest.class));
        assertTrue(e.getMessage().startsWith("docs/STORAGE.md lacks this region of DocSnippetsTest, verbatim:\n"), e.getMessage());
        assertTrue(e.getMessage().contains(shownNowhere), e.getMessage());
    }

    @Test
    void aMissingDocumentFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> DocSnippets.assertShownIn("docs/NO-SUCH-GUIDE.md", DocSnippetsTest.class));
        assertTrue(e.getMessage().startsWith("cannot find docs/NO-SUCH-GUIDE.md in "), e.getMessage());
    }
}
