#!/bin/sh
# Shrinks the work directory of a benchmark run that finished: deletes the generated inputs and, in each copy of the
# distribution, everything but its logs and configuration (its bundles, store, broker journal, bundle cache, inboxes),
# which come to gigabytes for a 1,000,000-record run and, left behind run after run, filled the disk past the broker's
# limit (session 38). Kept: the run's JSON and figures, each hub's etc/, data/log/ and its start and console logs.
# KEEP_WORK=1 keeps everything (to open the store or the journal afterwards). A run that failed is never pruned: the
# scripts call this only on success. Only a benchmark's work directory is pruned (one with the harness's classes/).
# Usage: bench/prune-work.sh WORK_DIR
set -eu
work=${1:?usage: bench/prune-work.sh WORK_DIR}
[ "${KEEP_WORK:-0}" = 1 ] && { echo "KEEP_WORK=1: $work kept whole" >&2; exit 0; }
[ -d "$work/classes" ] || { echo "$work is not a benchmark's work directory (no classes/): not pruned" >&2; exit 2; }
find "$work" -maxdepth 1 -type f \( -name '*.csv' -o -name '*.csv.gz' \) -delete
find "$work" -maxdepth 4 -type f -path '*/bin/start' | while IFS= read -r start; do
    home=${start%/bin/start}
    find "$home" -mindepth 1 -maxdepth 1 ! -name etc ! -name data ! -name '*.log' -exec rm -rf {} +
    if [ -d "$home/data" ]; then
        find "$home/data" -mindepth 1 -maxdepth 1 ! -name log -exec rm -rf {} +
    fi
done
echo "pruned $work to its logs and figures ($(du -sh "$work" | cut -f1)); KEEP_WORK=1 keeps a run whole" >&2
