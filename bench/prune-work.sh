#!/bin/sh
# Shrinks the work directory of a benchmark run that finished: deletes the generated inputs and, in each copy of the
# distribution, everything but its logs and configuration (its bundles, store, broker journal, bundle cache, inboxes),
# which come to gigabytes for a 1,000,000-record run and, left behind run after run, filled the disk past the broker's
# limit (session 38). Kept: the run's JSON and figures, each hub's etc/, data/log/ and its start and console logs.
# KEEP_WORK=1 keeps everything (to open the store or the journal afterwards). A run that failed is never pruned: the
# scripts call this only on success.
# Usage: bench/prune-work.sh WORK_DIR
set -eu
work=$1
[ "${KEEP_WORK:-0}" = 1 ] && { echo "KEEP_WORK=1: $work kept whole" >&2; exit 0; }
[ -d "$work" ] || exit 0
find "$work" -maxdepth 1 -type f \( -name '*.csv' -o -name '*.csv.gz' \) -delete
for home in $(find "$work" -maxdepth 4 -type f -path '*/bin/start' | sed 's#/bin/start$##'); do
    find "$home" -mindepth 1 -maxdepth 1 ! -name etc ! -name data ! -name '*.log' -exec rm -rf {} +
    [ -d "$home/data" ] && find "$home/data" -mindepth 1 -maxdepth 1 ! -name log -exec rm -rf {} +
done
echo "pruned $work to its logs and figures ($(du -sh "$work" | cut -f1)); KEEP_WORK=1 keeps a run whole" >&2
