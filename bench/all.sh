#!/bin/sh
# Issue 6's harness in one run, on the embedded H2 store and on PostgreSQL side by side:
#   1 and 2. end-to-end intake of N generated records through the hub, and the plain batched insert of the same rows
#            into the same database (bench/intake-hub.sh);
#   3.       event to outbound latency at RATE:SECONDS after a warm-up at the same rate (bench/latency.sh);
#   4.       heap and resident memory of the hub against stored profiles (bench/hub-memory.sh).
# Prints one JSON summary line at the end (every benchmark's line and each target's verdict) and appends a section
# with the figures, the machine and this command to docs/benchmarks.md, in its section "Issue 6's harness in one
# run" (RECORD=0 not to).
# Usage: bench/all.sh [records=1000000] [latency=2000:300] [profiles="100000 1000000"] [stores="H2 POSTGRESQL"]
# Env: OUT (default /tmp/cdphub-bench/all), WARMUP (default: the latency run's rate for 180 s), BATCH (tracking events
#      per request in the latency run, default 20: POST /v1/batch as Segment's server-side libraries send; with single
#      requests the driver cannot send 2,000 a second on two cores next to the hub), RECORD, INTAKE_WARMUP (rows merged
#      before the measured intake, see bench/intake-hub.sh; default 0, a hub just started; named in the record),
#      LIMIT_RUNS (times each intake limit is measured, see bench/intake-hub.sh; default 3; named in the record when set).
# Takes hours at the default sizes; BenchSmokeIT runs each part at a tiny size in CI.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
cd "$repo"
records=${1:-1000000}
latency=${2:-2000:300}
profiles=${3:-"100000 1000000"}
stores=${4:-"H2 POSTGRESQL"}
dist=assembly/target/assembly
[ -x "$dist/bin/start" ] || { echo "build the distribution first: ./mvnw -DskipTests package" >&2; exit 1; }
out=${OUT:-/tmp/cdphub-bench/all}
mkdir -p "$out"
work=$(mktemp -d "$out/run.XXXXXX")
started=$(date -u +%Y-%m-%dT%H:%MZ)
load=$(cut -d' ' -f1-3 /proc/loadavg)
warmup=${WARMUP:-${latency%%:*}:180}
# a part that fails is reported and the others still run: the summary says what was not measured
failed=""
# Before each part after the first: the machine left to become quiet (up to 3 minutes), so that a part does not pay
# for the writes of the one before (a PostgreSQL checkpoint after a million-record intake, an H2 file being written
# out): the dirty pages written out (sync, then under 64 MB dirty or under writeback) and less than a quarter of the
# cores' time busy, I/O waits counted as busy, over 5 s. In the run of session 15 the H2 latency run that followed
# the PostgreSQL intake stalled for 30 s (p99 5.2 s); on its own the same build gave p99 89 ms.
settle() {
    sync
    waited=0
    while [ "$waited" -lt 180 ]; do
        # shellcheck disable=SC2046
        set -- $(head -1 /proc/stat)
        idle1=$5; total1=$(($2 + $3 + $4 + $5 + $6 + $7 + $8 + $9))
        sleep 5
        waited=$((waited + 5))
        # shellcheck disable=SC2046
        set -- $(head -1 /proc/stat)
        idle2=$5; total2=$(($2 + $3 + $4 + $5 + $6 + $7 + $8 + $9))
        busy=$(( (total2 - total1 - idle2 + idle1) * 100 / (total2 - total1 + 1) ))
        dirty=$(awk '/^(Dirty|Writeback):/ { kb += $2 } END { print kb + 0 }' /proc/meminfo)
        if [ "$busy" -lt 25 ] && [ "$dirty" -lt 65536 ]; then
            echo "settled after ${waited} s (cores ${busy} % busy, ${dirty} kB dirty)" >&2
            return 0
        fi
    done
    echo "not quiet after ${waited} s (cores ${busy} % busy, ${dirty} kB dirty); going on" >&2
}
# intake: both stores in one call (one generated input)
OUT="$work" bench/intake-hub.sh "$records" "$stores" >"$work/intake.jsonl" || failed="$failed intake"
for store in $stores; do
    settle
    OUT="$work" STORE=$store RECORD=0 BATCH=${BATCH:-20} WARMUP=$warmup \
        bench/latency.sh "$latency" >"$work/latency-$store.jsonl" || failed="$failed latency-$store"
    settle
    # shellcheck disable=SC2086
    OUT="$work" STORE=$store bench/hub-memory.sh $profiles >"$work/memory-$store.jsonl" \
        || failed="$failed memory-$store"
done
[ -z "$failed" ] || echo "failed:$failed (their figures are missing from the summary; logs in $work)" >&2
javac -d "$work/classes" assembly/src/test/java/org/cdphub/assembly/BenchSummary.java
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
title="bench/all.sh run of $started, commit $commit"
java -cp "$work/classes" org.cdphub.assembly.BenchSummary "$work/section.md" "$title" "$work"/*.jsonl \
    >"$work/summary.json"
cat "$work/summary.json"
if [ "${RECORD:-1}" != 0 ]; then
    {
        cat "$work/section.md"
        printf 'Command: `%sBATCH=%s WARMUP=%s bench/all.sh %s %s "%s" "%s"`. Machine: %s cores (`nproc`), %s; load average %s' \
            "${INTAKE_WARMUP:+INTAKE_WARMUP=$INTAKE_WARMUP }${LIMIT_RUNS:+LIMIT_RUNS=$LIMIT_RUNS }" "${BATCH:-20}" "$warmup" "$records" \
            "$latency" "$profiles" "$stores" "$(nproc)" \
            "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" "$load"
        printf ' at the start.%s\n\n' "${failed:+ Failed:$failed.}"
    } >"$work/record.md"
    heading="^## Issue 6.s harness in one run"
    grep -q "$heading" docs/benchmarks.md || { echo "no section '$heading' in docs/benchmarks.md" >&2; exit 1; }
    # at the end of the section "## Issue 6's harness in one run", before the next section
    awk -v f="$work/record.md" -v h="$heading" 'BEGIN { while ((getline l < f) > 0) rec = rec l "\n" }
        $0 ~ h { inside = 1; print; next }
        inside && /^## / { printf "%s", rec; inside = 0 }
        { print }
        END { if (inside) printf "%s", rec }' docs/benchmarks.md >"$work/benchmarks.md"
    cp "$work/benchmarks.md" docs/benchmarks.md
    echo "section added to docs/benchmarks.md" >&2
fi
[ -z "$failed" ]
