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
t_start=$(date +%s) me=$BASHPID
c_start=$(step_cpu "$me")
cold=warm
[ -f "$TOOLBOX/.pas-toolbox-stamp" ] || cold=cold

say "test run: $what, tracks ${PAS_TRACKS:-$TRACKS} ($cold; logs in build/<track>/logs)"
step setup-toolbox "bash scripts/toolbox.sh" -- bash "$ROOT/scripts/toolbox.sh"
bash "$ROOT/scripts/versions.sh" | tee "$LOGS/versions.txt" | sed 's/^/    /' >&2
# the double is the same for every track (its unit tests run beside them;
# each track builds the double it boots in its own folder)
fw_unit() {
	step firmware-unit "make -C platform/firmware test" -- \
		make -C "$ROOT/platform/firmware" O="$ROOT/build/platform/firmware" test
}
# The tracks run side by side: much of a track is one busy core (dt-schema,
# checkpatch, a guest's one busy vCPU, a guest sleeping while its leaks
# age), so two tracks fill the two cores a track alone leaves half idle.
# PAS_SERIAL=1 runs them one after the other.
tracks=(${PAS_TRACKS:-$TRACKS})
if [ ${#tracks[@]} -gt 1 ] && [ "${PAS_SERIAL:-0}" != 1 ]; then
	export PAS_STEP_LINES=1
	# a track's fault suites go to a pool both lanes drain (test-track.sh)
	if [ "$what" = all ]; then
		export PAS_POOL=$ROOT/build/pool
		rm -rf "$PAS_POOL" && mkdir -p "$PAS_POOL"
	fi
	declare -A pid
	if [ "$what" = all ]; then fw_unit & pid[fw]=$!; fi
	for t in "${tracks[@]}"; do
		PAS_TRACK=$t STEP_PREFIX="$t/" bash "$ROOT/scripts/test-track.sh" "$what" &
		pid[$t]=$!
	done
	for t in "${tracks[@]}"; do
		wait "${pid[$t]}" || echo "FAIL $t/runner (scripts/test-track.sh exited $?)" >>"$RESULTS"
	done
	[ -z "${pid[fw]:-}" ] || wait "${pid[fw]}"
else
	[ "$what" != all ] || fw_unit
	for t in "${tracks[@]}"; do
		PAS_TRACK=$t STEP_PREFIX="$t/" bash "$ROOT/scripts/test-track.sh" "$what"
	done
fi
wall=$(($(date +%s) - t_start)) cpu=$((($(step_cpu "$me") - c_start) / 100))
# "date wall cold|warm", read by the bench
[ "$what" = all ] && echo "$(date -u +%FT%TZ) $wall $cold" >>"$CACHE/test-runs.log"
say "wall time ${wall}s ($cold), cpu ${cpu}s (user + system of every step)"
summary
