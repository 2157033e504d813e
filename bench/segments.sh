#!/bin/sh
# Segment evaluation: N synthetic profiles written straight into the store, 50 segments of mixed conditions; full
# evaluation time (every profile due, as after a definition change, through the pipeline's schedule path) and the
# per-profile incremental cost (one transaction per profile change, p50/p99/max, after 10,000 warm-up changes of
# other profiles, printed apart as warmupMs). Prints one JSON line.
# Usage: bench/segments.sh [profiles=1000000] [batch=2000] [samples=5000] [H2FILE|H2|POSTGRESQL]
# H2FILE (default) is an H2 file database in the temp folder, like the hub's default store; H2 is in memory.
# BENCH_JAVA_OPTS=-Dbench.trace=<file> appends every measured lone change as "epoch-millis microseconds" to <file>.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
n=${1:-1000000}
batch=${2:-2000}
samples=${3:-5000}
db=${4:-H2FILE}
out=${OUT:-${TMPDIR:-/tmp}/cdphub-bench}
mkdir -p "$out"
cd "$repo"
. "$here/engine-classpath.sh" # compiles the engine, sets cp
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$cp" org.cdphub.core.internal.bench.SegmentBench "$n" "$batch" "$samples" "$db" 2>/dev/null
