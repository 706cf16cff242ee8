package org.bmsdk.hardware.redfish.internal;

/** Small text helpers for messages built from what a BMC sent, which may be long or hostile. */
final class Text {

    private Text() {
    }

    /**
     * Shortens text for a message and drops control characters, so a BMC cannot flood or forge log lines.
     *
     * @param s the text, may be null
     * @param max the longest result
     * @return the clipped text
     */
    static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max + 1));
        for (int i = 0; i < s.length() && sb.length() < max; i++) {
            char c = s.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        return s.length() > max ? sb + "…" : sb.toString();
    }
}
