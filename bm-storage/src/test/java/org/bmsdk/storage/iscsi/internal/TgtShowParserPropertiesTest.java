package org.bmsdk.storage.iscsi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The {@code tgtadm --op show} parser: what tgt prints comes back as it was; anything else is a typed error. */
class TgtShowParserPropertiesTest {

    /** What tgt 1.0.85 printed on this machine for one target with a file LUN, a CHAP account and an initiator ACL. */
    static final String REAL = """
            Target 1: iqn.2024-01.org.bmsdk:v1
                System information:
                    Driver: iscsi
                    State: ready
                I_T nexus information:
                LUN information:
                    LUN: 0
                        Type: controller
                        SCSI ID: IET     00010000
                        SCSI SN: beaf10
                        Size: 0 MB, Block size: 1
                        Online: Yes
                        Removable media: No
                        Prevent removal: No
                        Readonly: No
                        SWP: No
                        Thin-provisioning: No
                        Backing store type: null
                        Backing store path: None
                        Backing store flags:\s
                    LUN: 1
                        Type: disk
                        SCSI ID: IET     00010001
                        SCSI SN: beaf11
                        Size: 67 MB, Block size: 512
                        Online: Yes
                        Removable media: No
                        Prevent removal: No
                        Readonly: No
                        SWP: No
                        Thin-provisioning: No
                        Backing store type: rdwr
                        Backing store path: /tmp/tgtprobe/v.img
                        Backing store flags:\s
                Account information:
                    u1
                    u2 (outgoing)
                ACL information:
                    ALL
                    iqn.2024-01.org.x:n1
            """;

    @Example
    void tgtsOwnOutputIsRead() throws Exception {
        List<TgtTarget> t = TgtShowParser.parse(REAL);
        assertEquals(List.of(new TgtTarget(1, "iqn.2024-01.org.bmsdk:v1",
                List.of(new TgtLun(0, "controller", ""), new TgtLun(1, "disk", "/tmp/tgtprobe/v.img")),
                List.of("u1"), List.of("ALL", "iqn.2024-01.org.x:n1"))), t);
        assertEquals(List.of("iqn.2024-01.org.x:n1"), t.get(0).initiatorNames());
        assertEquals(List.of(), TgtShowParser.parse(""));
    }

    @Example
    void otherTextIsATypedError() {
        assertThrows(TgtShowFormatException.class, () -> TgtShowParser.parse("tgtadm: can't send the request to the tgt daemon"));
        assertThrows(TgtShowFormatException.class, () -> TgtShowParser.parse("    LUN: 1\n"));
        assertThrows(TgtShowFormatException.class, () -> TgtShowParser.parse("Target 1: a\nTarget 1: b\n"));
    }

    @Property
    void renderedTargetsParseBackAsTheyWere(@ForAll("targets") List<TgtTarget> targets) throws Exception {
        assertEquals(targets, TgtShowParser.parse(render(targets)));
    }

    /** Any text, and lines of tgt's vocabulary shuffled at random: a list or a TgtShowFormatException, never another exception. */
    @Property
    void arbitraryTextNeverCrashesTheParser(@ForAll("noise") String text) {
        try {
            TgtShowParser.parse(text);
        } catch (TgtShowFormatException expected) {
            // a typed error is fine
        }
    }

    @Provide
    Arbitrary<List<TgtTarget>> targets() {
        Arbitrary<String> word = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789.-_").ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> iqn = word.map(w -> "iqn.2024-01.org.example:" + w);
        Arbitrary<String> path = Arbitraries.oneOf(Arbitraries.just(""), word.map(w -> "/srv/vol/" + w));
        Arbitrary<TgtLun> lun = Combinators.combine(Arbitraries.integers().between(0, 16383),
                Arbitraries.of("controller", "disk", "cd/dvd", "passthrough"), path).as(TgtLun::new);
        Arbitrary<List<TgtLun>> luns = lun.list().ofMaxSize(4).uniqueElements(TgtLun::lun);
        Arbitrary<String> acl = Arbitraries.oneOf(iqn, Arbitraries.of("ALL", "127.0.0.1", "10.0.0.0/8"));
        Arbitrary<TgtTarget> target = Combinators.combine(Arbitraries.integers().between(1, 100000), iqn, luns,
                word.list().ofMaxSize(3), acl.list().ofMaxSize(4)).as(TgtTarget::new);
        return target.list().ofMaxSize(5).uniqueElements(TgtTarget::tid);
    }

    @Provide
    Arbitrary<String> noise() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.of(REAL.split("\n")),
                Arbitraries.of("Target 0: x", "Target 99999999999: x", "Target 2: iqn.x", "    LUN: 99999", "        LUN: 1",
                        "    Weird information:", "        a b", "        : nothing", "Target 3:", "\t\tLUN: 2"),
                Arbitraries.strings().ofMaxLength(30));
        return Arbitraries.oneOf(line.list().ofMaxSize(40).map(l -> String.join("\n", l)), Arbitraries.strings().ofMaxLength(200));
    }

    /** Prints targets the way tgt's target_show does (tab stops of 4 spaces). */
    static String render(List<TgtTarget> targets) {
        List<String> out = new ArrayList<>();
        for (TgtTarget t : targets) {
            out.add("Target " + t.tid() + ": " + t.iqn());
            out.add("    System information:");
            out.add("        Driver: iscsi");
            out.add("        State: ready");
            out.add("    I_T nexus information:");
            out.add("    LUN information:");
            for (TgtLun l : t.luns()) {
                out.add("        LUN: " + l.lun());
                out.add("            Type: " + l.type());
                out.add("            Size: 1 MB, Block size: 512");
                out.add("            Backing store path: " + (l.backingPath().isEmpty() ? "None" : l.backingPath()));
                out.add("            Backing store flags: ");
            }
            out.add("    Account information:");
            t.accounts().forEach(a -> out.add("        " + a));
            out.add("        outgoing-user (outgoing)");
            out.add("    ACL information:");
            t.acl().forEach(a -> out.add("        " + a));
        }
        return String.join("\n", out) + "\n";
    }
}
