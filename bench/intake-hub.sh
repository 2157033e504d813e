#!/bin/sh
# End-to-end intake through the built distribution: a generated HubSpot contacts export of N rows dropped into the
# crm-hubspot inbox, timed until the merge stage has merged every row (CSV connector -> cdp.fragments -> merge stage ->
# store, with the segment stage and the demo connectors running as shipped). On the embedded H2 store and on a
# PostgreSQL schema of its own (.ci/postgres.sh starts the local one). Then, with the hub stopped, the limit it is held
# to: the stored fragments written again by a plain batched JDBC insert into a table of the same database, and the
# ratio of the two. One JSON line per store.
# Boots a copy of assembly/target/assembly/ on free ports and stops it in all cases.
# Usage: bench/intake-hub.sh [records=100000] [stores="H2 POSTGRESQL"]
# Env: OUT (work directory, default /tmp/cdphub-bench/intake-hub), HUB_HEAP (the hub's -Xmx, default 1g: the heap the
# issue's target allows; the test harness gives a hub 512m, under which its GC took twice the CPU, docs/benchmarks.md,
# end-to-end intake, session 13), CDPHUB_HUB_JAVA_OPTS (added to the hub JVM options), INTAKE_WARMUP (rows of other
# people the hub merges first, then it is left to settle before the measured drop: the figure of a hub that has run
# for a while, its code compiled; default 0, a hub just started), INTAKE_STALL (seconds without a merged record before a
# run gives up, default 120; longer to run through a store outage), LIMIT_RUNS (times each limit, the plain insert and
# the plain insert of every stored row, is measured in a row; default 3: the ratios are taken against the median),
# KEEP_WORK (1: the work directory is kept whole; by default a run that merged every record is pruned to its logs and
# figures, bench/prune-work.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
cd "$repo"
n=${1:-100000}
stores=${2:-"H2 POSTGRESQL"}
dist=assembly/target/assembly
[ -x "$dist/bin/start" ] || { echo "build the distribution first: ./mvnw -DskipTests package" >&2; exit 1; }
case "$stores" in *POSTGRESQL*) .ci/postgres.sh >&2 ;; esac
# the last -Xmx of the hub's options wins over the harness's 512m
export CDPHUB_HUB_JAVA_OPTS="-Xmx${HUB_HEAP:-1g} ${CDPHUB_HUB_JAVA_OPTS:-}"
out=${OUT:-/tmp/cdphub-bench/intake-hub}
mkdir -p "$out"
work=$(mktemp -d "$out/run.XXXXXX")
classes="$work/classes"
src=assembly/src/test/java/org/cdphub/assembly
javac -d "$classes" "$src/Karaf.java" "$src/NodeConfig.java" "$src/SharedSchema.java" "$src/LatencyBench.java" \
    "$src/LatencyRun.java" "$src/OutboundReceiver.java" "$src/SteadySender.java" "$src/HubIntakeBench.java" \
    "$src/HubMemoryBench.java" "$src/PlainInsert.java" "$src/StoreRowsInsert.java" "$src/RepeatedRate.java" \
    "$src/Cpu.java" "$src/CpuSampler.java"
# the PostgreSQL driver the distribution ships, to count profiles and insert rows in the schema
pg=$(find "$dist/system/org/postgresql" -name 'postgresql-*.jar' | head -1)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); work dir $work" >&2
status=0
# shellcheck disable=SC2086
java -Xmx512m -Dcdphub.bench.warmup="${INTAKE_WARMUP:-0}" -Dcdphub.bench.limitRuns="${LIMIT_RUNS:-3}" -Dcdphub.bench.stall="${INTAKE_STALL:-120}" -cp "$classes:$pg" org.cdphub.assembly.HubIntakeBench "$dist" "$work" "$n" $stores \
    >"$work/intake.jsonl" || status=$?
cat "$work/intake.jsonl"
# a run that merged every record keeps only its logs and figures (bench/prune-work.sh); one that did not (the harness
# exits with 3) or failed, everything
if [ "$status" != 0 ]; then
    echo "$work kept whole" >&2
    exit "$status"
fi
"$here/prune-work.sh" "$work" || echo "pruning $work failed; delete it by hand" >&2
