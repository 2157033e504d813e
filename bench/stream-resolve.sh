#!/bin/sh
# Merge quality and speed of the STREAMING engine (the merge stage's MergeEngine, per batch, against the store), on
# FEBRL dataset1 and dataset2 (soc_sec_id unmapped and mapped as the nationalId trait: only probability joins records) and on generated records (email,
# phone, cookie and device ids as identifiers, plus probability). Prints pairwise precision/recall/F1 on the final
# profiles and records/s. Usage: bench/stream-resolve.sh [batch] [generated-records] [H2|POSTGRESQL]
# Runs from the engine's test classpath (builds it with Maven first); FEBRL_DIR as for resolve-febrl.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
batch=${1:-200}
n=${2:-20000}
db=${3:-H2}
data=${FEBRL_DIR:-$repo/../shared/data/febrl}
out=${OUT:-${TMPDIR:-/tmp}/cdphub-bench}
mkdir -p "$out"
cd "$repo"
. "$here/engine-classpath.sh" # compiles the engine, sets cp
main=org.cdphub.core.internal.bench.StreamingResolve
febrl=given_name=firstName,surname=lastName,street_number=streetNumber,address_1=addressLine1
febrl=$febrl,address_2=addressLine2,suburb=city,postcode=postcode,state=region,date_of_birth=birthDate
gen=firstName=firstName,lastName=lastName,birthDate=birthDate,streetNumber=streetNumber
gen=$gen,addressLine1=addressLine1,addressLine2=addressLine2,city=city,postcode=postcode,region=region,country=country
ids=email=email,phone=phone,cookieId=cookieId,deviceId=deviceId
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); batch $batch; store $db"
for d in dataset1 dataset2; do
    for mode in unmapped mapped; do
        m=$febrl
        [ "$mode" = mapped ] && m=$febrl,soc_sec_id=nationalId
        printf '%-32s ' "FEBRL $d soc_sec_id $mode"
        java -Xmx1g -cp "$cp" $main "$data/$d.csv" rec_id '^rec-(\d+)-' "$m" "" "$batch" "$db" 2>/dev/null
    done
done
input=$out/generated-$n-42.csv
[ -f "$input" ] || java -cp "$cp" org.cdphub.matching.internal.cli.CdpHubCli generate --records "$n" --seed 42 \
    --output "$input" >/dev/null
printf '%-32s ' "generated $n"
java -Xmx1g -cp "$cp" $main "$input" id '^p(\d+)-' "$gen" "$ids" "$batch" "$db" 2>/dev/null
