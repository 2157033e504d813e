#!/bin/sh
# Intake of the merge stage's engine against a plain batched JDBC insert of the same fragments into the same
# database (the limit it is held to), on an H2 file and on PostgreSQL. One JSON line per store. The broker and the
# connectors are not in this measurement yet (see docs/benchmarks.md).
# Usage: bench/intake.sh [records=100000] [batch=500] [stores="H2FILE POSTGRESQL"]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
n=${1:-100000}
batch=${2:-500}
stores=${3:-"H2FILE POSTGRESQL"}
cd "$repo"
. "$here/engine-classpath.sh" # compiles the engine, sets cp
case "$stores" in *POSTGRESQL*) .ci/postgres.sh >&2 ;; esac
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java -Xmx2g -cp "$cp" org.cdphub.core.internal.bench.IntakeBench "$n" "$batch" $stores 2>/dev/null
