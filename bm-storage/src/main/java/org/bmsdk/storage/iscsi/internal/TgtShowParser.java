package org.bmsdk.storage.iscsi.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code tgtadm --lld iscsi --op show --mode target}, whose layout (tgt's usr/target.c) is:
 *
 * <pre>
 * Target 1: iqn.2024-01.org.example:vol1
 *     System information:
 *         Driver: iscsi
 *     I_T nexus information:
 *     LUN information:
 *         LUN: 1
 *             Type: disk
 *             Backing store path: /srv/volumes/vol1.vol
 *     Account information:
 *         user1
 *         user2 (outgoing)
 *     ACL information:
 *         ALL
 *         iqn.2024-01.org.example:node-1
 * </pre>
 *
 * Sections are told apart by their header lines, not by exact indentation, so that a different
 * tab width does not break it; anything it does not understand inside a known place is a
 * {@link TgtShowFormatException}, never a guess. Pure and stateless.
 */
public final class TgtShowParser {

    private static final Pattern TARGET = Pattern.compile("Target (\\d{1,9}): (\\S+)");
    private static final Pattern LUN = Pattern.compile("LUN: (\\d{1,5})");

    private enum Section { NONE, SYSTEM, NEXUS, LUN, ACCOUNT, ACL, OTHER }

    private TgtShowParser() {
    }

    /**
     * Parses the whole output.
     *
     * @param text what tgtadm printed
     * @return the targets, in the order shown
     * @throws TgtShowFormatException when the text is not tgtadm's show output
     */
    public static List<TgtTarget> parse(String text) throws TgtShowFormatException {
        List<TgtTarget> targets = new ArrayList<>();
        Set<Integer> tids = new HashSet<>();
        Builder current = null;
        Section section = Section.NONE;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int no = i + 1;
            String raw = lines[i];
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean indented = Character.isWhitespace(raw.charAt(0));
            if (!indented) {
                Matcher m = TARGET.matcher(line);
                if (!m.matches()) {
                    throw new TgtShowFormatException(no, "expected 'Target N: IQN'");
                }
                if (current != null) {
                    targets.add(current.build());
                }
                int tid = Integer.parseInt(m.group(1));
                if (tid == 0 || !tids.add(tid)) {
                    throw new TgtShowFormatException(no, "target id " + tid + " is zero or repeated");
                }
                current = new Builder(tid, m.group(2));
                section = Section.NONE;
                continue;
            }
            if (current == null) {
                throw new TgtShowFormatException(no, "indented line before the first target");
            }
            Section header = header(line);
            if (header != null) {
                section = header;
                current.lun = null;
                continue;
            }
            switch (section) {
                case LUN -> lunLine(current, line, no);
                case ACCOUNT -> {
                    if (!line.endsWith(" (outgoing)")) {
                        oneWord(line, no);
                        current.accounts.add(line);
                    }
                }
                case ACL -> current.acl.add(oneWord(line, no));
                case NONE -> throw new TgtShowFormatException(no, "a line outside any section of target " + current.tid);
                default -> {
                    // system and I_T nexus details: not needed by the driver
                }
            }
        }
        if (current != null) {
            targets.add(current.build());
        }
        return List.copyOf(targets);
    }

    private static Section header(String line) {
        return switch (line) {
            case "System information:" -> Section.SYSTEM;
            case "I_T nexus information:" -> Section.NEXUS;
            case "LUN information:" -> Section.LUN;
            case "Account information:" -> Section.ACCOUNT;
            case "ACL information:" -> Section.ACL;
            default -> line.endsWith(" information:") && !line.contains(": ") ? Section.OTHER : null;
        };
    }

    private static void lunLine(Builder t, String line, int no) throws TgtShowFormatException {
        Matcher m = LUN.matcher(line);
        if (m.matches()) {
            int lun = Integer.parseInt(m.group(1));
            if (t.luns.stream().anyMatch(l -> l[0].equals(m.group(1)))) {
                throw new TgtShowFormatException(no, "LUN " + lun + " repeated");
            }
            t.lun = new String[] {String.valueOf(lun), "", ""};
            t.luns.add(t.lun);
            return;
        }
        if (t.lun == null) {
            throw new TgtShowFormatException(no, "a LUN detail before any 'LUN: N'");
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
            throw new TgtShowFormatException(no, "expected 'Key: value' in a LUN");
        }
        String key = line.substring(0, colon);
        String value = line.substring(colon + 1).strip();
        if (key.equals("Type")) {
            t.lun[1] = value;
        } else if (key.equals("Backing store path")) {
            t.lun[2] = value.equals("None") ? "" : value;
        }
    }

    private static String oneWord(String line, int no) throws TgtShowFormatException {
        if (line.chars().anyMatch(Character::isWhitespace)) {
            throw new TgtShowFormatException(no, "expected one word");
        }
        return line;
    }

    private static final class Builder {
        final int tid;
        final String iqn;
        final List<String[]> luns = new ArrayList<>();
        final List<String> accounts = new ArrayList<>();
        final List<String> acl = new ArrayList<>();
        String[] lun;

        Builder(int tid, String iqn) {
            this.tid = tid;
            this.iqn = iqn;
        }

        TgtTarget build() {
            List<TgtLun> l = new ArrayList<>();
            for (String[] x : luns) {
                l.add(new TgtLun(Integer.parseInt(x[0]), x[1], x[2]));
            }
            return new TgtTarget(tid, iqn, l, accounts, acl);
        }
    }
}
