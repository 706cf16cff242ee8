package org.bmsdk.testkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks that a document shows the examples a test runs, word for word. In the test's source, an
 * example is a region between the lines {@code // tag::NAME[]} and {@code // end::NAME[]}; the
 * document must contain each region with its common indentation removed.
 *
 * <pre>{@code
 * @Test
 * void everyTaggedRegionAppearsVerbatimInTheDocument() {
 *     DocSnippets.assertShownIn("docs/NETWORK.md", NetworkDocTest.class);
 * }
 * }</pre>
 *
 * <p>Paths are relative to the repository's root: the nearest folder, up from the working
 * directory, that holds the document. The test's source is looked for under
 * {@code src/test/java} of the root or of a module folder just below it, as Maven lays them out.
 */
public final class DocSnippets {

    private static final Pattern REGION = Pattern.compile("// tag::([\\w-]+)\\[]\\n(.*?)\\n\\s*// end::\\1\\[]", Pattern.DOTALL);

    private DocSnippets() {
    }

    /**
     * The tagged regions of a source.
     *
     * @param source a test's source text
     * @return each region, in order, with its common indentation and trailing white space removed
     */
    public static List<String> regions(String source) {
        List<String> out = new ArrayList<>();
        Matcher m = REGION.matcher(source);
        while (m.find()) {
            out.add(m.group(2).stripIndent().stripTrailing());
        }
        return out;
    }

    /**
     * Asserts that a document shows every tagged region of a test, verbatim.
     *
     * @param document the document, relative to the repository's root: {@code docs/HA.md}
     * @param test the test class whose source holds the regions
     * @throws AssertionError when the source has no tagged region, or the document lacks one (the
     *     message shows it)
     */
    public static void assertShownIn(String document, Class<?> test) {
        Objects.requireNonNull(document, "document");
        Path root = root(document);
        Path source = source(root, test);
        String doc = read(root.resolve(document));
        List<String> regions = regions(read(source));
        if (regions.isEmpty()) {
            throw new AssertionError("no tagged region found in " + source);
        }
        for (String region : regions) {
            if (!doc.contains(region)) {
                throw new AssertionError(document + " lacks this region of " + test.getSimpleName() + ", verbatim:\n" + region);
            }
        }
    }

    private static Path root(String document) {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve(document))) {
                return p;
            }
        }
        throw new AssertionError("cannot find " + document + " in " + start + " or any folder above it");
    }

    private static Path source(Path root, Class<?> test) {
        String file = "src/test/java/" + test.getName().replace('.', '/') + ".java";
        if (Files.isRegularFile(root.resolve(file))) {
            return root.resolve(file);
        }
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(m -> m.resolve(file)).filter(Files::isRegularFile).findFirst()
                    .orElseThrow(() -> new AssertionError("cannot find " + file + " under " + root + " or a module of it"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
