#!/bin/sh
# Heap and resident memory of the hub against the number of stored profiles (issue 6, item 4), through the whole built
# distribution: per count N, boots a copy of assembly/target/assembly/ on free ports (never 8101/8181/5672/1099/44444),
# writes N profiles straight into its store (H2, or PostgreSQL with STORE=POSTGRESQL), boots it again so that it
# evaluates its segments for every profile, and samples its resident memory and its live heap after a full collection (jcmd) during and after that evaluation.
# One JSON line per N. Stops the hub in all cases.
# Usage: bench/hub-memory.sh [N ...]        default 100000 1000000
# Env: STORE (H2, the embedded default, or POSTGRESQL: a schema of its own in the local PostgreSQL, started by
#      .ci/postgres.sh, or where CDPHUB_TEST_PG_URL/_USER/_PASSWORD say; the profiles are written there instead),
#      OUT (default /tmp/cdphub-bench/memory), CDPHUB_HUB_JAVA_OPTS (added to the hub JVM options),
#      EXTRA_SEGMENTS (segment definitions added to the shipped four: countries, order counts, spend, cities, page
#      views; default 0), KEEP_WORK (1: the work directory is kept whole; by default a run that succeeds is pruned to
#      its logs and figures, bench/prune-work.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
cd "$repo"
[ $# -gt 0 ] || set -- 100000 1000000
dist=assembly/target/assembly
[ -x "$dist/bin/start" ] || { echo "build the distribution first: ./mvnw -DskipTests package" >&2; exit 1; }
out=${OUT:-/tmp/cdphub-bench/memory}
mkdir -p "$out"
work=$(mktemp -d "$out/run.XXXXXX")
src=assembly/src/test/java/org/cdphub/assembly
# JDK only: no Maven run, no test classpath
javac -d "$work/classes" "$src/Karaf.java" "$src/NodeConfig.java" "$src/SharedSchema.java" "$src/HubMemoryBench.java"
store=${STORE:-H2}
case "$store" in
    H2) ;;
    POSTGRESQL) .ci/postgres.sh >&2 ;;
    *) echo "STORE: H2 or POSTGRESQL, not $store" >&2; exit 2 ;;
esac
# the PostgreSQL driver the distribution ships
pg=$(find "$dist/system/org/postgresql" -name 'postgresql-*.jar' | head -1)
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); work dir $work" >&2
java -Xmx256m -cp "$work/classes:$pg" org.cdphub.assembly.HubMemoryBench "$dist" "$work" --store "$store" "$@"
"$here/prune-work.sh" "$work" || echo "pruning $work failed; delete it by hand" >&2
