#!/bin/sh
# Runs bin/cdphub resolve on FEBRL dataset1 and dataset2, with soc_sec_id mapped (as nationalId) and unmapped, with
# the default configuration, and prints pairwise precision/recall/F1 on the final clusters, records/s, wall time and
# max RSS. The data is not in the repository: FEBRL_DIR points at it (default ../shared/data/febrl from the repo).
# Usage: bench/resolve-febrl.sh            (after ./mvnw install; CDPHUB=path/to/bin/cdphub to override)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
cdphub=${CDPHUB:-$repo/assembly/target/assembly/bin/cdphub}
data=${FEBRL_DIR:-$repo/../shared/data/febrl}
out=${OUT:-${TMPDIR:-/tmp}/cdphub-bench}
mkdir -p "$out"
[ -x "$cdphub" ] || { echo "no $cdphub: build with ./mvnw install -DskipTests first" >&2; exit 1; }
[ -f "$data/dataset1.csv" ] || { echo "no FEBRL data in $data (set FEBRL_DIR)" >&2; exit 1; }

map=given_name=firstName,surname=lastName,street_number=streetNumber,address_1=addressLine1,address_2=addressLine2
map=$map,suburb=city,postcode=postcode,state=region,date_of_birth=birthDate
timer=""
[ -x /usr/bin/time ] && timer="/usr/bin/time -v"

printf '%-9s %-13s %9s %9s %9s %10s %8s %9s\n' dataset soc_sec_id precision recall F1 records/s wall_s maxRSS_MB
for d in dataset1 dataset2; do
    for mode in mapped unmapped; do
        m=$map
        [ "$mode" = mapped ] && m=$map,soc_sec_id=nationalId
        log=$out/$d-$mode
        # shellcheck disable=SC2086
        $timer "$cdphub" resolve --input "$data/$d.csv" --id-column rec_id --map "$m" \
            --output "$log.clusters.csv" --truth-regex '^rec-(\d+)-' >"$log.out" 2>"$log.err"
        p=$(sed -n 's/.*precision \([0-9.]*\).*/\1/p' "$log.out")
        r=$(sed -n 's/.*recall \([0-9.]*\).*/\1/p' "$log.out")
        f=$(sed -n 's/.* F1 \([0-9.]*\).*/\1/p' "$log.out")
        rps=$(sed -n 's/.*s), \([0-9]*\) records\/s.*/\1/p' "$log.out")
        wall=$(sed -n 's/^time: \([0-9.]*\) s.*/\1/p' "$log.out")
        rss=$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$log.err")
        [ -n "$rss" ] && rss=$((rss / 1024))
        printf '%-9s %-13s %9s %9s %9s %10s %8s %9s\n' "$d" "$mode" "$p" "$r" "$f" "$rps" "$wall" "${rss:--}"
    done
done
echo "logs: $out"
