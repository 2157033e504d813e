#!/bin/sh
# Generates N synthetic CRM/commerce/DMP people records (default 1,000,000, seed 42) and resolves them with
# bin/cdphub resolve under /usr/bin/time -v, with CDPHUB_OPTS (default -Xmx2g), printing F1 against the generated
# truth, wall time, CPU time and max RSS.
# Usage: bench/resolve-generated.sh [records] [seed]
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
cdphub=${CDPHUB:-$repo/assembly/target/assembly/bin/cdphub}
n=${1:-1000000}
seed=${2:-42}
out=${OUT:-${TMPDIR:-/tmp}/cdphub-bench}
mkdir -p "$out"
[ -x "$cdphub" ] || { echo "no $cdphub: build with ./mvnw install -DskipTests first" >&2; exit 1; }
input=$out/generated-$n-$seed.csv
[ -f "$input" ] || "$cdphub" generate --records "$n" --seed "$seed" --output "$input"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v "$cdphub" resolve --input "$input" --id-column id --output "$out/generated-$n.clusters.csv" \
    --truth-regex '^p(\d+)-' >"$out/generated-$n.out" 2>"$out/generated-$n.err"
cat "$out/generated-$n.out"
grep -E 'Elapsed|User time|System time|Maximum resident' "$out/generated-$n.err"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
