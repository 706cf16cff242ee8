package org.bmsdk.api.capability;

import java.util.List;
import java.util.Locale;

/** What sort of value a field holds: how it is written, compared and shown. */
enum Kind {
    COUNT(true, "a whole number"),
    SIZE(true, "a size such as 256GiB or 1.5TB"),
    SPEED(true, "a speed such as 25G or 100M"),
    BOOL(false, "true or false", "true", "false"),
    ARCH(false, "an architecture such as x86_64 or aarch64"),
    MODEL(false, "a CPU model, quoted when it has spaces"),
    RESOURCE_CLASS(false, "a resource class such as baremetal-gpu"),
    DISK_MEDIA(false, "a disk media", "HDD", "SSD", "NVMe"),
    DISK_PROTOCOL(false, "a disk protocol", "SATA", "SAS", "NVMe"),
    LINK_TYPE(false, "a link type", "Ethernet", "InfiniBand");

    private final boolean ordered;
    private final String description;
    private final List<String> choices;

    Kind(boolean ordered, String description, String... choices) {
        this.ordered = ordered;
        this.description = description;
        this.choices = List.of(choices);
    }

    /** True for numbers, which take {@code <}, {@code <=}, {@code >}, {@code >=} as well. */
    boolean ordered() {
        return ordered;
    }

    /** The canonical spellings, when the kind is a closed set of words. */
    List<String> choices() {
        return choices;
    }

    String describe() {
        return choices.isEmpty() || this == BOOL ? description : description + " (" + String.join(", ", choices) + ")";
    }

    /** @return the canonical spelling of a word of a closed set, or null when it is not one */
    String choice(String word) {
        for (String c : choices) {
            if (c.equalsIgnoreCase(word)) {
                return c;
            }
        }
        return null;
    }

    String render(Value value) {
        if (value instanceof Value.Amount a) {
            switch (this) {
                case SIZE:
                    return Units.formatBytes(a.value());
                case SPEED:
                    return Units.formatSpeed(a.value());
                default:
                    return Long.toString(a.value());
            }
        }
        String text = ((Value.Text) value).value();
        if (isWord(text)) {
            return text;
        }
        return text.indexOf('\'') < 0 ? "'" + text + "'" : "\"" + text + "\"";
    }

    /** Whether a machine's value equals the wanted one, by this kind's notion of equal. */
    boolean same(Value actual, Value wanted) {
        if (actual instanceof Value.Amount a && wanted instanceof Value.Amount w) {
            return a.value() == w.value();
        }
        if (!(actual instanceof Value.Text a) || !(wanted instanceof Value.Text w)) {
            return false;
        }
        switch (this) {
            case MODEL:
                return a.value().strip().equalsIgnoreCase(w.value().strip());
            case RESOURCE_CLASS:
                return placementName(a.value()).equals(placementName(w.value()));
            default:
                return a.value().equals(w.value());
        }
    }

    int compare(Value actual, Value wanted) {
        return Long.compare(((Value.Amount) actual).value(), ((Value.Amount) wanted).value());
    }

    /**
     * Nova and Placement know an Ironic resource class {@code baremetal-gpu} as
     * {@code CUSTOM_BAREMETAL_GPU}; comparing in that form lets an operator write either.
     */
    private static String placementName(String resourceClass) {
        String upper = resourceClass.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return upper.startsWith("CUSTOM_") ? upper.substring("CUSTOM_".length()) : upper;
    }

    static boolean isWord(String text) {
        if (text.isEmpty() || !Lexer.isWordStart(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < text.length(); i++) {
            if (!Lexer.isWordPart(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
