#!/bin/sh
# Latency from a tracking event to the segment change to the outbound webhook request, through the whole built
# distribution (tracking -> cdp.fragments -> merge stage -> segment stage -> cdp.membership.changes -> webhook):
# p50, p99 and max per run, achieved send and outbound rates, backlog, and events that never came out.
# Boots a copy of assembly/target/assembly/ on free ports (never 8101/8181/5672/1099/44444) and stops it in all cases.
# Usage: bench/latency.sh [RATE:SECONDS ...]           default 2000:300 (2,000 events/s for 5 minutes)
#   e.g. bench/latency.sh 50:60 200:60 1000:60 2000:300  (runs one after the other on one booted hub)
# Env: DRAIN (s to wait for outbound requests after each run, default 60), CLIENTS (HTTP clients, 4),
#      IN_FLIGHT (open tracking requests at most, 256), OUT (default /tmp/cdphub-bench/latency),
#      RECORD=0 to not append the figures to docs/benchmarks.md, CDPHUB_HUB_JAVA_OPTS (added to the hub JVM options,
#      e.g. -XX:StartFlightRecording=filename=/tmp/hub.jfr), WEBHOOK_BATCH (the webhook's batch.size: changes per
#      request, default 100; 1 posts each change on its own), BATCH (tracking events per request, default 1: each to
#      /v1/page; more: POST /v1/batch as Segment's server-side libraries send, an event's latency counted from when
#      it was due, so the wait for its batch to fill is in it; a late request's lag is not, as for single events),
#      BENCH_JAVA_OPTS (added to the options of the benchmark's own JVM: its sender and receiver), STORE (H2, the
#      embedded default, or POSTGRESQL: a schema of its own in the local PostgreSQL, started by .ci/postgres.sh, or
#      where CDPHUB_TEST_PG_URL/_USER/_PASSWORD say), WARMUP (RATE:SECONDS of a run before the
#      measured ones, drained and not reported, so that the JIT has compiled the path; default 2000:180:
#      a hub started a minute before still compiles, docs/benchmarks.md, session 34; 0:0 for none), KEEP_WORK (1:
#      the work directory is kept whole; by default a run in which every event arrived is pruned to its logs and
#      figures, bench/prune-work.sh).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
cd "$repo"
[ $# -gt 0 ] || set -- 2000:300
dist=assembly/target/assembly
[ -x "$dist/bin/start" ] || { echo "build the distribution first: ./mvnw -DskipTests package" >&2; exit 1; }
out=${OUT:-/tmp/cdphub-bench/latency}
mkdir -p "$out"
work=$(mktemp -d "$out/run.XXXXXX")
classes="$work/classes"
src=assembly/src/test/java/org/cdphub/assembly
# JDK only: no Maven run, no test classpath
javac -d "$classes" "$src/Karaf.java" "$src/NodeConfig.java" "$src/SharedSchema.java" \
    "$src/OutboundReceiver.java" "$src/SteadySender.java" "$src/LatencyRun.java" "$src/LatencyBench.java" "$src/Cpu.java" "$src/CpuSampler.java"
stop_hub() {
    if [ -f "$work/hub/karaf.pid" ] && kill -0 "$(cat "$work/hub/karaf.pid")" 2>/dev/null; then
        "$work/hub/bin/stop" >/dev/null 2>&1 || true
    fi
}
case "${STORE:-H2}" in
H2) pg= ;;
POSTGRESQL)
    .ci/postgres.sh >&2
    # the PostgreSQL driver the distribution ships, for the run's schema
    pg=:$(find "$dist/system/org/postgresql" -name 'postgresql-*.jar' | head -1) ;;
*) echo "STORE: H2 or POSTGRESQL, not ${STORE}" >&2; exit 2 ;;
esac
trap stop_hub EXIT
trap 'stop_hub; exit 130' INT TERM
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
warmup=${WARMUP:-2000:180}
echo "machine: $(nproc) cores, load average $load_before; work dir $work" >&2
# shellcheck disable=SC2086
summary=$(java -Xmx1g ${BENCH_JAVA_OPTS:-} -cp "$classes$pg" org.cdphub.assembly.LatencyBench "$dist" "$work" \
    "$work/figures.md" \
    --drain "${DRAIN:-60}" --clients "${CLIENTS:-4}" --in-flight "${IN_FLIGHT:-256}" --batch "${BATCH:-1}" \
    --store "${STORE:-H2}" --warm-up "$warmup" "$@")
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
echo "$summary"
if [ "${RECORD:-1}" != 0 ]; then
    doc=docs/benchmarks.md
    grep -q '^## Event to outbound latency' "$doc" || printf '\n## Event to outbound latency (`bench/latency.sh`)\n' >> "$doc"
    {
        printf '\n### Run of %s, commit %s\n\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(git rev-parse --short HEAD)"
        printf 'Command: `bench/latency.sh %s` (DRAIN=%s CLIENTS=%s IN_FLIGHT=%s BATCH=%s STORE=%s WARMUP=%s). Machine: %s cores (`nproc`), %s;' \
            "$*" "${DRAIN:-60}" "${CLIENTS:-4}" "${IN_FLIGHT:-256}" "${BATCH:-1}" "${STORE:-H2}" "$warmup" "$(nproc)" \
            "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
        printf ' load average %s before, %s after (`/proc/loadavg`).\n\n' "$load_before" "$load_after"
        cat "$work/figures.md"
    } >> "$doc"
    echo "figures appended to $doc" >&2
fi
# a run in which every event arrived keeps only its logs and figures (bench/prune-work.sh); one that lost any, everything
stop_hub
case "$summary" in
*'"never":'[1-9]*) echo "events never arrived: $work kept whole" >&2 ;;
*) "$here/prune-work.sh" "$work" || echo "pruning $work failed; delete it by hand" >&2 ;;
esac
