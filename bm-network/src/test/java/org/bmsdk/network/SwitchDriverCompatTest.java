package org.bmsdk.network;

import java.util.function.Supplier;
import org.bmsdk.api.network.SwitchDriver;
import org.bmsdk.testkit.docs.DocSnippets;
import org.bmsdk.testkit.network.SwitchDialect;
import org.bmsdk.testkit.tck.SwitchDriverTck;
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
    abstract class Compat extends SwitchDriverTck {
        private final SwitchDialect dialect;
        private final Supplier<SwitchDriver> driver;

        Compat(SwitchDialect dialect, Supplier<SwitchDriver> driver) {
            this.dialect = dialect;
            this.driver = driver;
        }

        @Override
        protected SwitchDriver driver() {
            return driver.get();
        }

        @Override
        protected SwitchDialect dialect() {
            return dialect;
        }
    }

    @Nested
    class CiscoIos extends Compat {
        CiscoIos() {
            super(SwitchDialect.CISCO_IOS, CiscoIosDriver::new);
        }
    }
    // end::switch-driver-tck[]

    @Nested
    class CiscoNxos extends Compat {
        CiscoNxos() {
            super(SwitchDialect.CISCO_NXOS, CiscoNxosDriver::new);
        }
    }

    @Nested
    class AristaEos extends Compat {
        AristaEos() {
            super(SwitchDialect.ARISTA_EOS, AristaEosDriver::new);
        }
    }

    @Nested
    class JuniperJunos extends Compat {
        JuniperJunos() {
            super(SwitchDialect.JUNIPER_JUNOS, JuniperJunosDriver::new);
        }

        /** Each change is committed, and the simulated Junos boots with what was last committed. */
        @Override
        protected boolean commitIsSave() {
            return true;
        }
    }

    @Nested
    class DellOs10 extends Compat {
        DellOs10() {
            super(SwitchDialect.DELL_OS10, DellOs10Driver::new);
        }
    }

    @Nested
    class Sonic extends Compat {
        Sonic() {
            super(SwitchDialect.SONIC, SonicDriver::new);
        }
    }

    @Nested
    class CumulusNvue extends Compat {
        CumulusNvue() {
            super(SwitchDialect.CUMULUS_NVUE, CumulusNvueDriver::new);
        }
    }
}
