#!/bin/sh
# One very active person: a tracked visitor's page views, each a record of its own, merged in batches into one
# profile. A merge rebuilds a profile from all its stored fragments, so a batch costs more the more the profile has:
# prints one JSON line with the time of the batch that brought the profile to 50, 100, 200, ... fragments, and the
# size of the profile's document at the end.
# Usage: bench/active-profile.sh [events=20000] [perBatch=50] [H2FILE|H2|POSTGRESQL]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
events=${1:-20000}
batch=${2:-50}
db=${3:-H2FILE}
cd "$repo"
. "$here/engine-classpath.sh" # compiles the engine, sets cp
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java -Xmx2g ${BENCH_JAVA_OPTS:-} -cp "$cp" org.cdphub.core.internal.bench.ActiveProfileBench "$events" "$batch" "$db" \
    2>/dev/null
