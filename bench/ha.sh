#!/usr/bin/env bash
# bench/ha.sh: the bm-ha benchmark (issue 8), in one go.
#
# Builds bm-bench (offline, into bm-bench/target-bench; nothing is installed) and runs
# org.bmsdk.bench.ha.HaBench with the default detector (15 s detection, a probe a second):
#   1. detect: NODES monitored nodes; the CPU and heap the monitor costs per node over a steady
#      minute; then CRASHES hosts hang, two a second: detection time (hang to the FAIL_OVER
#      assessment) and failover time (hang to the spare powered on), p50/p99;
#   2. cluster: a real PostgreSQL (bm-store's PostgresServer fixture; refuses root, so as root it
#      runs as the 'postgres' user), NODES nodes shared by three controller JVMs through the hash
#      ring; one is killed with SIGKILL after STEADY_SECONDS: the time until its nodes are watched
#      again, the longest a node went unwatched (against the bound), no failover over AFTER_SECONDS
#      more, and each instance's CPU and heap (ClusterBench, ControllerProcess);
#   3. soak: NODES healthy nodes for SOAK_SECONDS, BMCs answering after a random 0..2xLATENCY_MS,
#      LOSS of the probes lost: the failovers and alarms triggered (there must be none).
# The machines are in-memory fakes behind bm-api (BmcConnector, HostProbe): the monitor is measured,
# not a driver. Prints one JSON line per mode (docs/BENCHMARKS.md).
#
# Env: NODES (1000), CRASHES (40), STEADY_SECONDS (60), AFTER_SECONDS (45, three detection times),
# SOAK_SECONDS (1800, the issue's 30 minutes), LATENCY_MS (100), LOSS (0.01), MODES ("detect cluster soak"), SKIP_BUILD=1, OUT (a results directory, default a new temporary one).
set -euo pipefail
cd "$(dirname "$0")/.."

NODES=${NODES:-1000}
CRASHES=${CRASHES:-40}
SOAK_SECONDS=${SOAK_SECONDS:-1800}
LATENCY_MS=${LATENCY_MS:-100}
LOSS=${LOSS:-0.01}
STEADY_SECONDS=${STEADY_SECONDS:-60}
AFTER_SECONDS=${AFTER_SECONDS:-45}
MODES=${MODES:-detect cluster soak}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/ha-bench.XXXXXX")}
mkdir -p "$OUT"

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building bm-bench ..." >&2
    mvn -B -o -q -Pbench -pl bm-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
        -Dbm.target=target-bench >&2
fi
CP="bm-bench/target-bench/bm-bench-0.1.0-SNAPSHOT.jar:$(ls bm-bench/target-bench/lib/*.jar | tr '\n' ':')"
JVM=(java -XX:+UseParallelGC -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP")
JAVA=("${JVM[@]}" org.bmsdk.bench.ha.HaBench)

echo "uptime before: $(uptime)" | tee "$OUT/uptime.txt" >&2
for mode in $MODES; do
    case "$mode" in
        detect) "${JAVA[@]}" detect "$NODES" "$CRASHES" | tee "$OUT/detect.json" ;;
        cluster) "${JVM[@]}" org.bmsdk.bench.ha.ClusterBench "$NODES" "$STEADY_SECONDS" "$AFTER_SECONDS" | tee "$OUT/cluster.json" ;;
        soak) "${JAVA[@]}" soak "$NODES" "$SOAK_SECONDS" "$LATENCY_MS" "$LOSS" | tee "$OUT/soak.json" ;;
        *) echo "unknown mode $mode" >&2; exit 2 ;;
    esac
    echo "uptime after $mode: $(uptime)" | tee -a "$OUT/uptime.txt" >&2
done
echo "results in $OUT" >&2
