package org.bmsdk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * No bmctl option takes a secret as its value, so none can reach {@code ps} or a shell's history:
 * every option whose name speaks of a password, key, token, secret or credentials takes a file
 * (a {@link Path}) or nothing at all. Secrets come from files or the environment only.
 */
class NoSecretArgumentsTest {

    private static final Pattern SECRETISH = Pattern.compile("pass|key|token|secret|credential|chap|identity");

    @org.junit.jupiter.api.Test
    void everyOptionNamingASecretTakesAFile() {
        List<String> offending = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        walk(new CommandLine(new Bmctl()), offending, checked);
        assertTrue(checked.contains("bmctl node provision --chap-key-file"), "the walk reached the node workflow options: " + checked);
        assertTrue(checked.contains("bmctl node inspect --ramdisk-credentials-file"), checked.toString());
        assertEquals(List.of(), offending, "options that would put a secret on the command line");
    }

    private static void walk(CommandLine c, List<String> offending, List<String> checked) {
        String path = c.getCommandSpec().qualifiedName();
        for (OptionSpec o : c.getCommandSpec().options()) {
            String name = o.longestName();
            if (!SECRETISH.matcher(name.toLowerCase(Locale.ROOT)).find()) {
                continue;
            }
            checked.add(path + " " + name);
            // Path-typed options read the secret from a file; "-ref" options name where the secret is, never the secret.
            boolean safe = o.type() == Path.class || name.endsWith("-ref") || o.arity().max() == 0;
            if (!safe) {
                offending.add(path + " " + name + " (" + o.type().getSimpleName() + ")");
            }
        }
        c.getSubcommands().values().forEach(sub -> walk(sub, offending, checked));
    }
}
