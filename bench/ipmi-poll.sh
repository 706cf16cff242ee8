#!/usr/bin/env bash
# bench/ipmi-poll.sh: the IPMI power-polling benchmark (issue 4), in one go.
#
# Builds bm-bench (offline, into bm-bench/target-bench; nothing is installed), starts one
# simulator host process (org.bmsdk.bench.ipmi.IpmiSimulatorHost: BMCS simulated IPMI BMCs on
# 127.0.0.1, a UDP port each, one selector thread), then, side by side against it:
#   1. our driver (org.bmsdk.bench.ipmi.IpmiPowerPoller): a session per BMC kept open, CONCURRENCY
#      threads polling `chassis power status` (Get Chassis Status via PowerControl) round robin;
#   2. ipmitool spawned per poll (bm-bench/src/main/python/ipmitool_poll.py), once for each worker
#      count in IPMITOOL_WORKERS, round robin over the same BMCs;
# and prints a table and the ratio (docs/BENCHMARKS.md explains it).  Needs ipmitool
# (.ci/install-peers.sh ipmi).  The password reaches ipmitool through IPMI_PASSWORD (-E), never argv.
#
# Env: DURATION (15) and WARMUP (5) seconds; CONCURRENCY (16) threads of our poller;
# IPMITOOL_WORKERS ("2 4 8"); SUITE (17); BMCS (1000); SKIP_BUILD=1; OUT (a results directory,
# default a new temporary one).
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-15}
WARMUP=${WARMUP:-5}
CONCURRENCY=${CONCURRENCY:-16}
IPMITOOL_WORKERS=${IPMITOOL_WORKERS:-2 4 8}
SUITE=${SUITE:-17}
BMCS=${BMCS:-1000}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/ipmi-poll.XXXXXX")}
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
: > "$OUT/sim-cpu.jsonl"

command -v ipmitool >/dev/null || { echo "ipmitool is missing: bash .ci/install-peers.sh ipmi" >&2; exit 3; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building bm-bench ..." >&2
    mvn -B -o -q -Pbench -pl bm-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
        -Dbm.target=target-bench >&2
fi
CP="bm-bench/target-bench/bm-bench-0.1.0-SNAPSHOT.jar:$(ls bm-bench/target-bench/lib/*.jar | tr '\n' ':')"
JAVA=(java -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP")

echo "uptime before: $(uptime)" | tee "$OUT/uptime.txt" >&2

SIM_PID=
stop_sim() {
    [ -n "$SIM_PID" ] || return 0
    kill "$SIM_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SIM_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SIM_PID" 2>/dev/null || true
    SIM_PID=
}
trap stop_sim EXIT INT TERM

rm -f "$OUT/sim.json"
"${JAVA[@]}" -Xmx2g org.bmsdk.bench.ipmi.IpmiSimulatorHost --bmcs "$BMCS" --out "$OUT/sim.json" > "$OUT/sim.log" 2>&1 &
SIM_PID=$!
for _ in $(seq 1200); do
    [ -f "$OUT/sim.json" ] && break
    kill -0 "$SIM_PID" 2>/dev/null || { cat "$OUT/sim.log" >&2; echo "simulator died" >&2; exit 1; }
    sleep 0.1
done
[ -f "$OUT/sim.json" ] || { echo "simulator did not start in 120 s" >&2; exit 1; }
cat "$OUT/sim.log" >&2

# sim_cpu: CPU seconds (user+sys) used so far by the simulator host
sim_cpu() {
    echo "$(awk '{print $14 + $15}' "/proc/$SIM_PID/stat") $(getconf CLK_TCK)" | awk '{printf "%.2f", $1 / $2}'
}
# record LABEL C0 C1: the simulator's CPU over a row
record() {
    echo "{\"label\":\"$1\",\"simulatorCpuS\":$(echo "$3 $2" | awk '{printf "%.2f", $1 - $2}')}" >> "$OUT/sim-cpu.jsonl"
}

# 1. our driver
label="ours-$BMCS"
echo "== $label" >&2
c0=$(sim_cpu)
"${JAVA[@]}" -Xmx2g org.bmsdk.bench.ipmi.IpmiPowerPoller --endpoints "$OUT/sim.json" --label "$label" \
    --concurrency "$CONCURRENCY" --cipher-suite "$SUITE" --warmup "$WARMUP" --duration "$DURATION" \
    2> "$OUT/$label.err" | tail -1 | tee -a "$RESULTS" >&2
c1=$(sim_cpu)
record "$label" "$c0" "$c1"

# 2. ipmitool per call, for each worker count
for w in $IPMITOOL_WORKERS; do
    label="ipmitool-$w"
    echo "== $label" >&2
    c0=$(sim_cpu)
    /usr/bin/python3 bm-bench/src/main/python/ipmitool_poll.py "$OUT/sim.json" --workers "$w" --suite "$SUITE" \
        --warmup "$WARMUP" --duration "$DURATION" --label "$label" 2> "$OUT/$label.err" | tail -1 | tee -a "$RESULTS" >&2
    c1=$(sim_cpu)
    record "$label" "$c0" "$c1"
done
stop_sim
echo "uptime after: $(uptime)" | tee -a "$OUT/uptime.txt" >&2

/usr/bin/python3 - "$RESULTS" "$OUT/sim-cpu.jsonl" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sim = {j["label"]: j["simulatorCpuS"] for j in (json.loads(l) for l in open(sys.argv[2]) if l.strip())}
print()
print("| run | BMCs | suite | in flight | polls/s | p50 ms | p99 ms | errors | client CPU s | CPU ms/poll | simulator CPU s |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    cpu = r["cpuS"]
    extra = f" (+{r['driverCpuS']} spawner)" if "driverCpuS" in r else ""
    per = f"{1000 * cpu / r['polls']:.3f}" if r["polls"] else "-"
    print(f"| {r['label']} | {r['bmcs']} | {r['cipherSuite']} | {r['concurrency']} | {r['pollsPerS']:.0f} | "
          f"{r['p50Ms']:.2f} | {r['p99Ms']:.2f} | {r['errors']} | {cpu}{extra} | {per} | {sim.get(r['label'], '-')} |")
ours = [r for r in rows if r["label"].startswith("ours")]
tools = [r for r in rows if r["label"].startswith("ipmitool")]
if ours and tools:
    best = max(tools, key=lambda r: r["pollsPerS"])
    o = ours[0]
    print()
    print(f"best ipmitool: {best['label']} ({best['pollsPerS']:.1f} polls/s)")
    print(f"ours/ipmitool throughput: {o['pollsPerS'] / best['pollsPerS']:.1f} x   (goal >= 50)" if best["pollsPerS"] else "n/a")
    if o["polls"] and best["polls"]:
        print(f"ipmitool/ours CPU per poll: {(best['cpuS'] / best['polls']) / (o['cpuS'] / o['polls']):.1f} x")
PY
echo "results: $RESULTS" >&2
