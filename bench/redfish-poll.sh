#!/usr/bin/env bash
# bench/redfish-poll.sh: the Redfish power-polling benchmark (issue 3), in one go.
#
# Builds bm-bench (offline, into bm-bench/target-bench; nothing is installed), then, each against
# a simulator host process (org.bmsdk.bench.redfish.SimulatorHost) that it starts and stops:
#   1. HTTPS, 1,000 BMCs: our driver (PowerPoller), then sushy (bm-bench/src/main/python/sushy_poll.py)
#   2. HTTP,  1,000 BMCs: our driver, then wrk hammering one BMC's System resource (the raw limit)
#   3. HTTPS, 10,000 BMCs, an address per BMC (127.0.1.1 ...): our driver, the fleet split over
#      two simulator hosts of 5,000 (a host needs a listening socket and a connection per BMC,
#      and this machine caps a process at 20,000 file descriptors)
# and prints a table (docs/BENCHMARKS.md explains it).  Needs wrk (.ci/install-peers.sh bench) and
# python3-sushy (.ci/install-peers.sh redfish).
#
# Env: DURATION (20) and WARMUP (15; long enough for the JIT compilers of the simulator and of our poller,
# both fresh JVMs, to be done before the window opens, as they are for wrk's row) seconds; CONCURRENCY (64) threads of our poller; SUSHY_THREADS
# (32); WRK_THREADS (2) and WRK_CONNECTIONS (64); BMCS (1000); BIG_BMCS (10000, 0 skips row 3);
# SKIP_BUILD=1; OUT (a results directory, default a new temporary one); POLL_MODE (fleet, the default:
# our poller reads through the library's fleet poller, RedfishPowerPoller, on IO_THREADS (1) event loops
# with CONCURRENCY reads in flight; blocking: CONCURRENCY threads each calling PowerControl.powerState());
# BIG_POLL_MODE (blocking) for row 3.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20}
WARMUP=${WARMUP:-15}
CONCURRENCY=${CONCURRENCY:-64}
POLL_MODE=${POLL_MODE:-fleet}
IO_THREADS=${IO_THREADS:-1}
SUSHY_THREADS=${SUSHY_THREADS:-32}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-64}
BMCS=${BMCS:-1000}
BIG_BMCS=${BIG_BMCS:-10000}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/redfish-poll.XXXXXX")}
mkdir -p "$OUT"
RESULTS="$OUT/results.jsonl"
: > "$RESULTS"
# The machine is shared: keep its load next to the figures (before the run, and at the end below).
echo "start $(date -u +%FT%TZ) $(uptime)" > "$OUT/uptime.txt"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
command -v wrk >/dev/null || { echo "wrk is missing: bash .ci/install-peers.sh bench" >&2; exit 3; }
/usr/bin/python3 -c 'import sushy' 2>/dev/null || { echo "sushy is missing: bash .ci/install-peers.sh redfish" >&2; exit 3; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building bm-bench ..." >&2
    mvn -B -o -q -Pbench -pl bm-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
        -Dbm.target=target-bench >&2
fi
CP="bm-bench/target-bench/bm-bench-0.1.0-SNAPSHOT.jar:$(ls bm-bench/target-bench/lib/*.jar | tr '\n' ':')"
JAVA=(java -XX:+UseParallelGC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP")

SIM_PIDS=()
stop_sims() {
    local p
    for p in "${SIM_PIDS[@]-}"; do
        [ -n "$p" ] || continue
        kill "$p" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null || true
    done
    SIM_PIDS=()
}
trap stop_sims EXIT INT TERM

# start_sim NAME ARGS...: starts a simulator host, waits for its endpoints file $OUT/NAME.json.
start_sim() {
    local name=$1; shift
    rm -f "$OUT/$name.json"
    "${JAVA[@]}" -Xmx4g org.bmsdk.bench.redfish.SimulatorHost --out "$OUT/$name.json" "$@" > "$OUT/$name.log" 2>&1 &
    SIM_PIDS+=($!)
    for _ in $(seq 1200); do
        [ -f "$OUT/$name.json" ] && { cat "$OUT/$name.log" >&2; return 0; }
        kill -0 "${SIM_PIDS[-1]}" 2>/dev/null || { cat "$OUT/$name.log" >&2; echo "simulator $name died" >&2; exit 1; }
        sleep 0.1
    done
    echo "simulator $name did not start in 120 s" >&2; exit 1
}

# sim_cpu: CPU seconds (user+sys) used so far by the simulator hosts
sim_cpu() {
    local p t=0
    for p in "${SIM_PIDS[@]}"; do
        t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat") ))
    done
    echo "$t $(getconf CLK_TCK)" | awk '{printf "%.2f", $1 / $2}'
}

# ours LABEL ENDPOINTS...: our poller; appends its JSON line (plus the simulator's CPU) to results.
ours() {
    local label=$1; shift
    local args=() f
    for f in "$@"; do args+=(--endpoints "$f"); done
    echo "== $label" >&2
    local c0 c1 line
    c0=$(sim_cpu)
    line=$("${JAVA[@]}" -Xmx4g org.bmsdk.bench.redfish.PowerPoller "${args[@]}" --label "$label" \
        --simulator-pids "$(IFS=,; echo "${SIM_PIDS[*]}")" \
        --concurrency "$CONCURRENCY" --warmup "$WARMUP" --duration "$DURATION" --mode "$POLL_MODE" --io-threads "$IO_THREADS" \
        2> "$OUT/$label.err" | tail -1)
    c1=$(sim_cpu)
    echo "$line" | tee -a "$RESULTS" >&2
    echo "{\"label\":\"$label\",\"simulatorCpuS\":$(echo "$c1 $c0" | awk '{printf "%.2f", $1 - $2}')}" >> "$OUT/sim-cpu.jsonl"
}

# 1. HTTPS, BMCS: ours, then sushy
start_sim https --bmcs "$BMCS"
ours "ours-https-$BMCS" "$OUT/https.json"
echo "== sushy-https-$BMCS" >&2
c0=$(sim_cpu)
/usr/bin/python3 bm-bench/src/main/python/sushy_poll.py "$OUT/https.json" --threads "$SUSHY_THREADS" \
    --warmup "$WARMUP" --duration "$DURATION" --label "sushy-https-$BMCS" 2> "$OUT/sushy.err" | tail -1 | tee -a "$RESULTS" >&2
c1=$(sim_cpu)
echo "{\"label\":\"sushy-https-$BMCS\",\"simulatorCpuS\":$(echo "$c1 $c0" | awk '{printf "%.2f", $1 - $2}')}" >> "$OUT/sim-cpu.jsonl"
stop_sims

# 2. HTTP, BMCS: ours, then wrk on one BMC (a session token, as our driver and sushy use)
start_sim http --bmcs "$BMCS" --http
ours "ours-http-$BMCS" "$OUT/http.json"
echo "== wrk-http-1" >&2
base=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["baseUris"][0])' "$OUT/http.json")
token=$(/usr/bin/python3 - "$base" <<'PY'
import json, sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/redfish/v1/SessionService/Sessions", method="POST",
                             data=json.dumps({"UserName": "admin", "Password": "password"}).encode(),
                             headers={"Content-Type": "application/json"})
print(urllib.request.urlopen(req).headers["X-Auth-Token"])
PY
)
c0=$(sim_cpu)
TIMEFORMAT='%U %S'
{ time wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${DURATION}s" -s bench/wrk-report.lua -H "X-Auth-Token: $token" \
    "$base/redfish/v1/Systems/1" > "$OUT/wrk.out" ; } 2> "$OUT/wrk.time"
c1=$(sim_cpu)
cat "$OUT/wrk.out" >&2
wcpu=$(awk '{printf "%.2f", $1 + $2}' "$OUT/wrk.time")
tail -1 "$OUT/wrk.out" | sed -e "s/^{/{\"bmcs\":1,\"protocol\":\"http\",\"auth\":\"session\",\"concurrency\":$WRK_CONNECTIONS,\"cpuS\":$wcpu,/" \
    | tee -a "$RESULTS" >&2
echo "{\"label\":\"wrk-http-1\",\"simulatorCpuS\":$(echo "$c1 $c0" | awk '{printf "%.2f", $1 - $2}')}" >> "$OUT/sim-cpu.jsonl"
stop_sims

# 3. HTTPS, BIG_BMCS, an address per BMC, over two simulator hosts
if [ "$BIG_BMCS" -gt 0 ]; then
    half=$(( BIG_BMCS / 2 ))
    start_sim big-a --bmcs "$half" --address-per-bmc --port 8443
    start_sim big-b --bmcs $(( BIG_BMCS - half )) --first-index "$half" --address-per-bmc --port 8443
    # The fleet poller opens a socket of its own per BMC beside the client's pooled one: 20,000 descriptors for
    # 10,000 BMCs, the machine's cap per process. So this row polls the blocking way unless BIG_POLL_MODE says.
    POLL_MODE=${BIG_POLL_MODE:-blocking} ours "ours-https-$BIG_BMCS" "$OUT/big-a.json" "$OUT/big-b.json"
    stop_sims
fi

/usr/bin/python3 - "$RESULTS" "$OUT/sim-cpu.jsonl" "$BMCS" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
sim = {j["label"]: j["simulatorCpuS"] for j in (json.loads(l) for l in open(sys.argv[2]) if l.strip())}
print()
print("| run | BMCs | proto | in flight | polls/s | p50 ms | p99 ms | errors | heap after GC MiB | client CPU s | of it JIT s | client CPU µs/poll | simulator CPU µs/poll (window) | of it JIT s | simulator CPU s (row) |")
print("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
def per(r):
    polls = r.get("polls") or r.get("requests") or round(r["pollsPerS"] * r.get("durationS", 0))
    return f"{float(r['cpuS']) * 1e6 / polls:.1f}" if r.get("cpuS") not in (None, "-") and polls else "-"
def simper(r):
    v = r.get("simulatorCpuUsPerPoll")
    if v is not None and v >= 0:
        return f"{v:.1f}"
    if "requests" in r and r["label"] in sim and r["requests"]:
        return f"{sim[r['label']] * 1e6 / r['requests']:.1f}"  # wrk's row is all window: no connect phase
    return "-"
for r in rows:
    heap = r.get("heapUsedAfterGcMiB", r.get("maxRssMiB"))
    heap = f"{heap}" + (" (RSS)" if "maxRssMiB" in r else "") if heap is not None else "-"
    print(f"| {r['label']}{' (' + r['mode'] + ')' if r.get('mode') else ''} | {r.get('bmcs','')} | {r.get('protocol','')} | {r.get('concurrency', r.get('threads',''))} | "
          f"{r['pollsPerS']:.0f} | {r['p50Ms']:.2f} | {r['p99Ms']:.2f} | {r.get('errors',0)} | {heap} | "
          f"{r.get('cpuS','-')} | {r.get('jitCpuS','-')} | {per(r)} | {simper(r)} | {r.get('simulatorJitCpuS','-')} | {sim.get(r['label'], '-')} |")
by = {r["label"]: r for r in rows}
n = sys.argv[3]
def ratio(a, b):
    return f"{by[a]['pollsPerS'] / by[b]['pollsPerS']:.2f}" if a in by and b in by and by[b]['pollsPerS'] else "n/a"
print()
print(f"ours/sushy (HTTPS): {ratio('ours-https-' + n, 'sushy-https-' + n)} x   (goal >= 20)")
print(f"ours/wrk   (HTTP):  {ratio('ours-http-' + n, 'wrk-http-1')} x   (goal >= 0.5)")
PY
echo "end   $(date -u +%FT%TZ) $(uptime)" >> "$OUT/uptime.txt"
cat "$OUT/uptime.txt"
echo "results: $RESULTS" >&2
