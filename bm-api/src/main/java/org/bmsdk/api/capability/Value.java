package org.bmsdk.api.capability;

/** A value in a condition or read from a machine: a number (count, bytes, Mb/s) or a word. */
sealed interface Value permits Value.Amount, Value.Text {

    /**
     * A count, a size in bytes or a speed in Mb/s, as the field's kind says.
     *
     * @param value the number
     */
    record Amount(long value) implements Value {
    }

    /**
     * A word, already normalised where the kind normalises (an architecture, an enum's canonical name).
     *
     * @param value the word
     */
    record Text(String value) implements Value {
    }

    static Value of(long value) {
        return new Amount(value);
    }

    static Value of(String value) {
        return new Text(value);
    }

    static Value of(boolean value) {
        return new Text(Boolean.toString(value));
    }
}
