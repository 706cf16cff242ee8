package org.bmsdk.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.bmsdk.api.network.Acl;
import org.bmsdk.api.network.AclRule;
import org.junit.jupiter.api.Test;

/** SONiC's {@code show acl table} and {@code show acl rule}, as tabulate lays them out. */
class SonicAclOutputTest {

    private static final String TABLES = """
            Name    Type    Binding    Description    Stage    Status
            ------  ------  ---------  -------------  -------  --------
            web     L3      Ethernet0  web            ingress  Active
                            Ethernet4
            mirror  MIRROR  Ethernet8  mirror         ingress  Active
            """;

    private static String rules(String extra) {
        return """
                Table    Rule          Priority    Action    Match                   Status
                -------  ------------  ----------  --------  ----------------------  --------
                web      RULE_1        8999        FORWARD   DST_IP: 10.0.0.0/8      Active
                                                             IP_PROTOCOL: 6
                                                             L4_SRC_PORT: 22
                """ + extra + """
                web      DEFAULT_RULE  1           DROP      ETHER_TYPE: 2048        Active
                """;
    }

    @Test
    void tablesRulesAndBindingsAreRead() {
        String text = TABLES + rules("");
        assertEquals(Map.of("web", new Acl("web", List.of(AclRule.tcp(AclRule.Direction.INGRESS, 22, "10.0.0.0/8")))),
                SonicAclOutput.acls(text), "the MIRROR table is not one of ours");
        assertEquals(Map.of("Ethernet0", "web", "Ethernet4", "web", "Ethernet8", "mirror"), SonicAclOutput.bindings(text));
    }

    /** A rewrite that stopped half-way left its hold: the ACL does not read as what was asked, so it is written again. */
    @Test
    void aHoldLeftBehindMakesTheAclUnreadable() {
        String text = TABLES + rules("""
                web      BM_HOLD       9999        DROP      ETHER_TYPE: 2048        Active
                """);
        assertEquals(Map.of(), SonicAclOutput.acls(text));
        assertEquals(List.of("BM_HOLD", "RULE_1", "DEFAULT_RULE"), List.copyOf(SonicAclOutput.rules(text).get("web").keySet()),
                "rules by priority, highest first");
    }
}
