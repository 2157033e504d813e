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
# compile the engine and its reactor dependencies (starting PostgreSQL), and write the test classpath
./mvnw -q -pl core/engine -am test-compile dependency:build-classpath -DskipTests -Dmdep.outputFile=target/bench.cp \
    -Dmdep.includeScope=test >/dev/null
case "$stores" in *POSTGRESQL*) .ci/postgres.sh >&2 ;; esac
cp="core/engine/target/test-classes:core/engine/target/classes:core/segments/target/classes:core/matching/target/classes:core/api/target/classes:$(cat core/engine/target/bench.cp)"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
java -Xmx2g -cp "$cp" org.cdphub.core.internal.bench.IntakeBench "$n" "$batch" $stores 2>/dev/null
