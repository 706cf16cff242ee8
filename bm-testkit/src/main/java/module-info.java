/**
 * bm-testkit: the far side of every protocol bm-sdk speaks (BMCs, switches, storage hosts), and
 * the simulated machines behind them, for bm-sdk's own tests and its users'.
 */
module org.bmsdk.testkit {
    requires transitive org.bmsdk.api;
    requires static org.junit.jupiter.api;
    requires org.slf4j;

    exports org.bmsdk.testkit.machine;
    exports org.bmsdk.testkit.time;
}
