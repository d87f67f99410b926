#!/usr/bin/env bash
# The test command (make test, .ci/run): install what is missing, then run
# every check and test of every track and end with "N passed, N failed".
# Usage: test.sh all|check   (PAS_TRACKS="6.12-lts ..." limits the tracks)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}

# lib.sh itself needs nothing but bash and coreutils; the toolbox comes next.
. "$ROOT/scripts/lib.sh"
# one results file for the whole run; each track's logs stay in its build/<track>/logs
export RESULTS=$ROOT/build/results.txt
: >"$RESULTS"
. "$ROOT/scripts/report.sh"
t_start=$(date +%s)
cold=warm
[ -f "$TOOLBOX/.pas-toolbox-stamp" ] || cold=cold

say "test run: $what, tracks ${PAS_TRACKS:-$TRACKS} ($cold; logs in build/<track>/logs)"
step setup-toolbox "bash scripts/toolbox.sh" -- bash "$ROOT/scripts/toolbox.sh"
bash "$ROOT/scripts/versions.sh" | tee "$LOGS/versions.txt" | sed 's/^/    /' >&2
# the double is the same for every track
if [ "$what" = all ]; then
	step firmware-unit "make -C platform/firmware test" -- \
		make -C "$ROOT/platform/firmware" O="$ROOT/build/platform/firmware" test
fi
for t in ${PAS_TRACKS:-$TRACKS}; do
	PAS_TRACK=$t STEP_PREFIX="$t/" bash "$ROOT/scripts/test-track.sh" "$what"
done
wall=$(($(date +%s) - t_start))
# "date wall cold|warm", read by the bench
[ "$what" = all ] && echo "$(date -u +%FT%TZ) $wall $cold" >>"$CACHE/test-runs.log"
say "wall time ${wall}s ($cold)"
summary
