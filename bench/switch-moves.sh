#!/usr/bin/env bash
# bench/switch-moves.sh: the switch port-move benchmark (issue 5), in one go.
#
# Builds bm-bench (offline, into bm-bench/target-bench; nothing is installed) and runs
# org.bmsdk.bench.network.SwitchMoves: SWITCHES simulated switches (IOS, EOS, NX-OS in turn) over
# SSH on 127.0.0.1, then, side by side against them, MOVES access-port moves through our batching
# fabric (CALLERS threads asking at once) and NETMIKO_MOVES moves by netmiko opening a session per
# change as networking-generic-switch does (bm-bench/src/main/python/netmiko_moves.py, one worker
# per switch, netmiko's defaults as networking-generic-switch leaves them; NETMIKO_FAST_CLI=1 for
# netmiko's fast_cli, quicker but it misses prompts on a loaded machine). Every move of both is
# checked on the switches. Prints the JSON result and the ratio per change (docs/BENCHMARKS.md).
# Needs python3-netmiko (.ci/install-peers.sh network).
#
# Env: SWITCHES (10), MOVES (1000), NETMIKO_MOVES (100), CALLERS (100), NETMIKO_FAST_CLI (0),
# SKIP_BUILD=1, OUT (a results directory, default a new temporary one).
set -euo pipefail
cd "$(dirname "$0")/.."

SWITCHES=${SWITCHES:-10}
MOVES=${MOVES:-1000}
NETMIKO_MOVES=${NETMIKO_MOVES:-100}
CALLERS=${CALLERS:-100}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/switch-moves.XXXXXX")}
mkdir -p "$OUT"

/usr/bin/python3 -c 'import netmiko' 2>/dev/null || { echo "netmiko is missing: bash .ci/install-peers.sh network" >&2; exit 3; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building bm-bench ..." >&2
    mvn -B -o -q -Pbench -pl bm-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
        -Dbm.target=target-bench >&2
fi
CP="bm-bench/target-bench/bm-bench-0.1.0-SNAPSHOT.jar:$(ls bm-bench/target-bench/lib/*.jar | tr '\n' ':')"

echo "uptime before: $(uptime)" | tee "$OUT/uptime.txt" >&2
java -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" org.bmsdk.bench.network.SwitchMoves \
    "$OUT" /usr/bin/python3 bm-bench/src/main/python/netmiko_moves.py "$SWITCHES" "$MOVES" "$NETMIKO_MOVES" "$CALLERS" \
    $([ "${NETMIKO_FAST_CLI:-0}" = 1 ] && echo --fast-cli) \
    | tee "$OUT/result.json"
echo "uptime after: $(uptime)" | tee -a "$OUT/uptime.txt" >&2
jq -r '"ours: \(.ours.moves) moves in \(.ours.seconds | . * 100 | round / 100) s (\(.ours.per_change_s * 1000 | . * 10 | round / 10) ms per change, \(.ours.batches) batches, p99 \(.ours.p99_s) s)",
       "netmiko: \(.netmiko.moves) moves in \(.netmiko.seconds | . * 100 | round / 100) s (\(.netmiko.per_change_s * 1000 | round) ms per change, p50 \(.netmiko.p50_s | . * 100 | round / 100) s per session)",
       "ours/netmiko per change: \(.ratio_per_change | . * 10 | round / 10)x faster"' "$OUT/result.json"
