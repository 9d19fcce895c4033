#!/usr/bin/env bash
# Runs fuzz targets one after the other (never in parallel: the machine is shared), each for
# SECONDS (default 600), on the binaries `cargo fuzz build -O -a -s none` made, with the seed
# corpus of fuzz/seed-corpus.sh. Logs to LOGDIR/fuzz-<target>.log (default /tmp).
#   fuzz/run-all.sh [TARGET...]        (default: all five)
# A crash stops that target (its input lands in fuzz/artifacts/<target>/) and the next starts.
set -uo pipefail
cd "$(dirname "$0")"
secs=${SECONDS_PER_TARGET:-600}
logdir=${LOGDIR:-/tmp}
bin=target/x86_64-unknown-linux-gnu/release
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(word_diff segment loaders align_small folder_config)
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    echo "== $t start $(date -u +%FT%TZ)" >>"$logdir/fuzz-runs.log"
    nice -n 10 "$bin/$t" "corpus/$t" -artifact_prefix="artifacts/$t/" \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 \
        >"$logdir/fuzz-$t.log" 2>&1
    echo "== $t exit $? $(date -u +%FT%TZ)" >>"$logdir/fuzz-runs.log"
done
