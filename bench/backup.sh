#!/usr/bin/env bash
# bench/backup.sh: the disk backup benchmark (issue 6), bm-sdk against restic, in one go.
#
# Builds bmctl (offline, into bm-cli/target-bench; nothing is installed) and bm-bench's seeded image
# generator (org.bmsdk.bench.backup.DiskImage: a file system's mix of zeros, text, binaries,
# compressed data and copies), then, side by side on the same image:
#   1. first backup     bmctl backup create --key-file K   |  restic backup --stdin
#   2. change PERCENT of the image in PLACES random regions (in place)
#   3. second backup    (incremental for both)
#   4. restore of the second snapshot to a file, each checked against the image's SHA-256
# Both encrypt (restic always does). Each step runs under /usr/bin/time for wall time and peak RSS;
# the repositories' sizes come from du. Prints a table and the ratios (docs/BENCHMARKS.md).
# Needs restic (.ci/install-peers.sh bench).
#
# Env: SIZE_MIB (2048), SEED (42), PERCENT (1), PLACES (64), SKIP_BUILD=1,
# OUT (a work directory, default a new temporary one; it holds the image and both repositories:
# about 3 x SIZE_MIB of disk), KEEP=1 to leave it behind.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MIB=${SIZE_MIB:-2048}
SEED=${SEED:-42}
PERCENT=${PERCENT:-1}
PLACES=${PLACES:-64}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/backup-bench.XXXXXX")}
mkdir -p "$OUT"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$OUT/image.img" "$OUT/ours-repo" "$OUT/restic-repo" "$OUT/restic-cache" "$OUT/restore"' EXIT

command -v restic >/dev/null || { echo "restic is missing: bash .ci/install-peers.sh bench" >&2; exit 3; }

if [ "${SKIP_BUILD:-0}" != 1 ]; then
    echo "building bmctl and bm-bench ..." >&2
    mvn -B -o -q -Pbench -pl bm-cli,bm-bench -am package -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true \
        -Dbm.target=target-bench >&2
fi
# bmctl runs through its launcher, as users run it (its JVM options and class data sharing archive),
# on the jar built above.
BMCTL_JAR="$(pwd)/$(ls bm-cli/target-bench/bm-cli-*-all.jar | head -n 1)"
export BMCTL_JAR
BMCTL=(./bmctl)
GEN=(java -cp bm-bench/target-bench/bm-bench-0.1.0-SNAPSHOT.jar org.bmsdk.bench.backup.DiskImage)

IMAGE="$OUT/image.img"
KEY="$OUT/key.hex"
export RESTIC_REPOSITORY="$OUT/restic-repo" RESTIC_CACHE_DIR="$OUT/restic-cache"
# restic reads the password from the environment, as bmctl reads its key from a file: neither in argv.
RESTIC_PASSWORD=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
export RESTIC_PASSWORD
od -An -tx1 -N32 /dev/urandom | tr -d ' \n' > "$KEY"
rm -rf "$OUT/ours-repo" "$OUT/restic-repo" "$OUT/restic-cache" "$OUT/restore"
mkdir -p "$OUT/restore"

RESULTS="$OUT/results.tsv"
printf 'step\ttool\tseconds\tcpu_seconds\tpeak_rss_mib\n' > "$RESULTS"

# timed STEP TOOL CMD...: runs CMD under /usr/bin/time, stdout to $OUT/STEP-TOOL.out, and records its
# wall time, CPU time (user + system: steadier than wall time on a shared machine) and peak RSS.
timed() {
    local step=$1 tool=$2
    shift 2
    /usr/bin/time -f '%e %U %S %M' -o "$OUT/$step-$tool.time" "$@" > "$OUT/$step-$tool.out"
    read -r secs user sys rss < "$OUT/$step-$tool.time"
    local cpu
    cpu=$(echo "$user + $sys" | bc)
    printf '%s\t%s\t%s\t%s\t%d\n' "$step" "$tool" "$secs" "$cpu" $((rss / 1024)) >> "$RESULTS"
    echo "  $step $tool: ${secs} s, ${cpu} s of CPU, peak RSS $((rss / 1024)) MiB" >&2
}

# The launcher writes its class data sharing archive on a jar's first run (once per build, about a
# second longer): done here, outside the timed steps, as any earlier bmctl command would have.
head -c 1048576 /dev/urandom > "$OUT/warm.img"
"${BMCTL[@]}" backup create --repo "$OUT/warm-repo" --key-file "$KEY" --source "$OUT/warm.img" > /dev/null
rm -rf "$OUT/warm-repo" "$OUT/warm.img"

echo "uptime before: $(uptime)" | tee "$OUT/uptime.txt" >&2
echo "generating a ${SIZE_MIB} MiB image (seed $SEED) ..." >&2
"${GEN[@]}" generate "$IMAGE" "$SIZE_MIB" "$SEED"
SHA1=$(sha256sum "$IMAGE" | cut -d' ' -f1)
restic init > /dev/null

echo "first backup" >&2
timed backup1 ours "${BMCTL[@]}" backup create --json --repo "$OUT/ours-repo" --key-file "$KEY" --source "$IMAGE"
timed backup1 restic restic backup --json --stdin --stdin-filename disk.img < "$IMAGE"
SIZE1_OURS=$(du -sb "$OUT/ours-repo" | cut -f1)
SIZE1_RESTIC=$(du -sb "$OUT/restic-repo" | cut -f1)

echo "changing ${PERCENT}% of the image in $PLACES places" >&2
"${GEN[@]}" change "$IMAGE" "$(echo "$PERCENT / 100" | bc -l)" "$PLACES" "$((SEED + 1))"
SHA2=$(sha256sum "$IMAGE" | cut -d' ' -f1)

echo "second backup" >&2
timed backup2 ours "${BMCTL[@]}" backup create --json --repo "$OUT/ours-repo" --key-file "$KEY" --source "$IMAGE"
timed backup2 restic restic backup --json --stdin --stdin-filename disk.img < "$IMAGE"
SIZE2_OURS=$(du -sb "$OUT/ours-repo" | cut -f1)
SIZE2_RESTIC=$(du -sb "$OUT/restic-repo" | cut -f1)

echo "restore of the second snapshot" >&2
SNAP2=$(jq -r .snapshot "$OUT/backup2-ours.out")
timed restore ours "${BMCTL[@]}" backup restore --json --repo "$OUT/ours-repo" --key-file "$KEY" "$SNAP2" --target "$OUT/restore/ours.img"
[ "$(sha256sum "$OUT/restore/ours.img" | cut -d' ' -f1)" = "$SHA2" ] || { echo "bm-sdk restore differs from the image" >&2; exit 1; }
rm -f "$OUT/restore/ours.img"
timed restore restic restic restore latest --target "$OUT/restore/restic"
# bmctl fsyncs the target before it reports success; restic 0.14 leaves its file in the page cache.
# The sync that puts restic's file on disk is timed apart, and the table shows restic both ways.
timed sync restic sync -f "$OUT/restore/restic/disk.img"
[ "$(sha256sum "$OUT/restore/restic/disk.img" | cut -d' ' -f1)" = "$SHA2" ] || { echo "restic restore differs from the image" >&2; exit 1; }
rm -rf "$OUT/restore/restic"

NEW2_OURS=$(jq -r .bytesNew "$OUT/backup2-ours.out")
NEW2_RESTIC=$(jq -s -r 'map(select(.message_type == "summary"))[0].data_added' "$OUT/backup2-restic.out")
echo "uptime after: $(uptime)" | tee -a "$OUT/uptime.txt" >&2

# The table: MB/s over the image size, the repository sizes, and ours/restic ratios (>1 = ours better).
/usr/bin/python3 - "$RESULTS" "$SIZE_MIB" "$SIZE1_OURS" "$SIZE1_RESTIC" "$SIZE2_OURS" "$SIZE2_RESTIC" "$NEW2_OURS" "$NEW2_RESTIC" <<'EOF'
import csv, sys
results, size_mib = sys.argv[1], int(sys.argv[2])
s1o, s1r, s2o, s2r, n2o, n2r = map(int, sys.argv[3:9])
rows = {(r["step"], r["tool"]): r for r in csv.DictReader(open(results), delimiter="\t")}
mb = size_mib * 1048576 / 1e6
print(f"{'step':12} {'bm-sdk MB/s':>10} {'restic MB/s':>12} {'ours/restic':>12} {'CPU s ours':>11} {'CPU s restic':>12} {'bm-sdk RSS':>11} {'restic RSS':>11}")
sync = float(rows[("sync", "restic")]["seconds"])
for step, label, extra in (("backup1", "backup1", 0), ("backup2", "backup2", 0), ("restore", "restore", 0),
                           ("restore", "restore+sync", sync)):
    o, r = rows[(step, "ours")], rows[(step, "restic")]
    ro, rr = mb / float(o["seconds"]), mb / (float(r["seconds"]) + extra)
    co = float(o["cpu_seconds"])
    cr = float(r["cpu_seconds"]) + (float(rows[("sync", "restic")]["cpu_seconds"]) if extra else 0)
    print(f"{label:12} {ro:10.1f} {rr:12.1f} {ro / rr:11.2f}x {co:11.1f} {cr:12.1f} {o['peak_rss_mib']:>7} MiB {r['peak_rss_mib']:>7} MiB")
print(f"repository after backup1: bm-sdk {s1o / 1e6:.1f} MB, restic {s1r / 1e6:.1f} MB (ours/restic {s1o / s1r:.3f})")
print(f"repository after backup2: bm-sdk {s2o / 1e6:.1f} MB, restic {s2r / 1e6:.1f} MB (ours/restic {s2o / s2r:.3f})")
print(f"dedup/compression ratio (2 x image / repository): bm-sdk {2 * mb * 1e6 / s2o:.2f}, restic {2 * mb * 1e6 / s2r:.2f}")
print(f"new data in backup2 (before compression): bm-sdk {n2o / 1e6:.1f} MB, restic {n2r / 1e6:.1f} MB (restic: its summary's data_added)")
EOF
echo "results in $OUT" >&2
