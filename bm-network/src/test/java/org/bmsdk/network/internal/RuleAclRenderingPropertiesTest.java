package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.bmsdk.api.network.SwitchConfig;

/**
 * Security-group rules through the match-field dialects and back, without a switch: what Junos's and
 * NVUE's renderings write is already in the form their read-back prints ({@code set ...},
 * {@code nv set ...}), so the lines parsed again must give the ACL, bound to the port; and
 * {@link AclMatch} gives back the canonical rule it was made from.
 */
class RuleAclRenderingPropertiesTest {

    @Property(tries = 300)
    void aRuleSurvivesItsMatchFields(@ForAll("rules") AclRule rule) {
        assertEquals(AclLines.canonical(rule), AclMatch.of(rule).rule());
    }

    @Property(tries = 200)
    void junosFiltersParseBackAsTheAcl(@ForAll("acls") Acl acl) {
        Acl wanted = AclLines.canonical(acl);
        JunosCommands junos = new JunosCommands();
        List<String> lines = junos.bindAcl("ge-0/0/1", wanted, empty(junos, ""));
        String text = lines.stream().filter(l -> l.startsWith("set ")).collect(Collectors.joining("\n"));
        SwitchConfig back = JunosConfigParser.parse(text);
        assertEquals(Optional.of(wanted), back.acl(acl.name()), text);
        assertEquals(acl.name(), back.port("ge-0/0/1").orElseThrow().acl());
        assertEquals(List.of(), junos.bindAcl("ge-0/0/1", wanted, empty(junos, text)), "nothing to do the second time");
    }

    @Property(tries = 200)
    void nvueAclsParseBackAsTheAcl(@ForAll("acls") Acl acl) {
        Acl wanted = AclLines.canonical(acl);
        NvueCommands nvue = new NvueCommands();
        String bridged = "nv set interface swp1 bridge domain br_default";
        List<String> lines = nvue.bindAcl("swp1", wanted, empty(nvue, bridged));
        String text = bridged + "\n" + lines.stream().filter(l -> l.startsWith("nv set ")).collect(Collectors.joining("\n"));
        SwitchConfig back = NvueOutput.parse(text);
        assertEquals(Optional.of(wanted), back.acl(acl.name()), text);
        assertEquals(acl.name(), back.port("swp1").orElseThrow().acl());
        assertEquals(List.of(), nvue.bindAcl("swp1", wanted, empty(nvue, text)), "nothing to do the second time");
    }

    private static SwitchCommands.Current empty(SwitchCommands commands, String text) {
        return new SwitchCommands.Current() {
            @Override
            public String text() {
                return text;
            }

            @Override
            public SwitchConfig config() {
                return commands.parse(text);
            }
        };
    }

    @Provide
    Arbitrary<AclRule> rules() {
        Arbitrary<AclRule.Direction> dir = Arbitraries.of(AclRule.Direction.class);
        Arbitrary<AclRule.Protocol> proto = Arbitraries.of(AclRule.Protocol.class);
        Arbitrary<Integer> a = Arbitraries.integers().between(1, 65535);
        Arbitrary<Integer> span = Arbitraries.integers().between(0, 300);
        Arbitrary<Boolean> anyPort = Arbitraries.of(true, false);
        Arbitrary<String> cidr = Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                Arbitraries.integers().between(0, 32)).as((x, y, len) -> x + "." + y + ".7.9/" + len);
        return Combinators.combine(dir, proto, a, span, anyPort, cidr).as((d, p, first, s, any, c) -> {
            boolean ports = (p == AclRule.Protocol.TCP || p == AclRule.Protocol.UDP) && !any;
            int last = Math.min(65535, first + s);
            return new AclRule(d, p, ports ? first : 0, ports ? last : 0, c);
        });
    }

    @Provide
    Arbitrary<Acl> acls() {
        return Combinators.combine(Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-', '_').ofMinLength(1)
                .ofMaxLength(32), rules().list().ofMaxSize(8)).as(Acl::new);
    }
}
