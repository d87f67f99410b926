#!/usr/bin/env bash
# One track's part of the test command (scripts/test.sh runs it per track,
# with PAS_TRACK and STEP_PREFIX set): its base, its gate, its kernels and
# the tests on the platform. Appends to $RESULTS.
# Usage: test-track.sh all|check
#        test-track.sh tail TEST  (one of TESTS, for a lane of the pool below;
#                                  the owning track's run holds its work area)
# The pool (PAS_POOL, a folder; test.sh sets it when tracks run side by side):
# a track's fault suites, the last and longest of its tests, are published
# there once its kernels are built, and whichever lane is done with its own
# track's tests runs them, so the last minutes do not leave a core idle.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
. "$ROOT/scripts/lib.sh"
. "$ROOT/scripts/report.sh"

GT=$BUILD/gate/linux
# what every test of the track reads: its kernels and trees
track_env() {
	export PAS_SERIES_KERNEL=$BUILD/gate/out-builtin PAS_SERIES_SRC=$GT
	export PAS_BASE_KERNEL=$BUILD/base/out-builtin
	export FAULTS_KOUT=$BUILD/gate/out-debug
	export PAS_GENERIC_KERNEL=$BUILD/gate/out-modules
	export PAS_KSRC=$GT PAS_KUNIT_OUT=$BUILD/gate/out-kunit
}
# run_test TEST: one of the track's TESTS, as a step
run_test() {
	local t=$1 kk mkey
	case $t in
	# in the debug kernel, built anyway (kernel-debug), or with kunit.py
	kunit) kk=; [ "${KUNIT_RUN:-}" != boot ] || kk=$FAULTS_KOUT
		step kunit "PAS_KUNIT_KOUT=$kk bash tests/kunit.sh" -- \
			env PAS_KUNIT_KOUT="$kk" bash "$ROOT/tests/kunit.sh" ;;
	platform/* | faults/*)
		step "${t/\//-}" "bash tests/$t.sh" -- bash "$ROOT/tests/$t.sh" ;;
	mutants)
		# Every deliberate bug of tests/mutants/ fails for its reason; a PASS is
		# remembered under a hash of every input, as the gate's (PAS_FRESH=1, CI: re-run).
		mkey=$(cd "$ROOT" && { find "series/$TRACK" tests/mutants platform scripts kernel -type f -print0 |
			sort -z | xargs -0 sha256sum; cat "$TOOLBOX/.pas-toolbox-stamp"; } | sha256sum | cut -c1-16)
		cached_step mutants "$mkey" "bash tests/mutants/run.sh" -- bash "$ROOT/tests/mutants/run.sh" ;;
	*) die "track $TRACK: unknown test '$t' in TESTS" ;;
	esac
}
if [ "$what" = tail ]; then
	track_env
	run_test "${2:?usage: test-track.sh tail TEST}"
	exit 0
fi
# pool_drain: run every published test no lane has taken yet, in order
pool_drain() {
	local f trk t
	for f in $(ls "$PAS_POOL"/*.todo 2>/dev/null | sort -V); do
		mkdir "$f.claim" 2>/dev/null || continue
		read -r trk t <"$f"
		PAS_TRACK=$trk STEP_PREFIX="$trk/" bash "$ROOT/scripts/test-track.sh" tail "$t" ||
			echo "FAIL $trk/${t/\//-} (scripts/test-track.sh tail exited $?)" >>"$RESULTS"
		touch "$f.done"
	done
}

say "track $TRACK: $TITLE"
# The track's kernel trees are shared by every checkout (lib.sh KWORK): one
# run at a time. A run killed mid-checkout leaves git's index lock behind.
exec 7>"$KWORK.lock"
flock -n 7 || { say "track $TRACK: waiting for another run using $KWORK"; flock 7; }
rm -f "$KWORK"/*/linux/.git/index.lock
step setup-base "bash scripts/base.sh" -- bash "$ROOT/scripts/base.sh"

# The gate applies patches/ onto base in its own tree; every later test uses
# that tree, so what is tested is exactly the product, whatever state the
# developer's build/linux is in.
bash "$ROOT/checks/run.sh"
if [ "$what" = all ] && grep -q "^PASS ${STEP_PREFIX:-}gate-apply " "$RESULTS"; then
	git -C "$GT" checkout -q --force gate
	BT=$BUILD/base/linux
	track_env

	step kernel-series "bash scripts/kbuild.sh $GT builtin $PAS_SERIES_KERNEL Image" -- \
		bash "$ROOT/scripts/kbuild.sh" "$GT" builtin "$PAS_SERIES_KERNEL" Image
	step kernel-base "bash scripts/series.sh tree $BT base && bash scripts/kbuild.sh $BT builtin $PAS_BASE_KERNEL Image" -- \
		bash -c "bash '$ROOT/scripts/series.sh' tree '$BT' base &&
			bash '$ROOT/scripts/kbuild.sh' '$BT' builtin '$PAS_BASE_KERNEL' Image"
	step kernel-debug "bash scripts/kbuild.sh $GT debug $FAULTS_KOUT Image" -- \
		bash "$ROOT/scripts/kbuild.sh" "$GT" debug "$FAULTS_KOUT" Image
	# the gate's modules configuration (tzmem mode GENERIC) at the last patch
	step kernel-generic "bash scripts/kbuild.sh $GT modules $PAS_GENERIC_KERNEL Image modules" -- \
		bash "$ROOT/scripts/kbuild.sh" "$GT" modules "$PAS_GENERIC_KERNEL" Image modules
	# the track's tests (track.conf TESTS), in order: kunit, platform/<t>,
	# mutants, faults/<t>; with a pool, the fault suites go to it. (Never
	# more than one lane per track: a third lane of fault boots beside both
	# tracks' platform tests made everything slower, each guest starved by
	# the others: baddt 660 s instead of 201, NOTES.md.)
	i=0 own=
	for t in $TESTS; do
		case $t in
		faults/*) if [ -n "${PAS_POOL:-}" ]; then
				i=$((i + 1)); echo "$TRACK $t" >"$PAS_POOL/$i-$TRACK-${t//\//-}.todo"; continue
			fi ;;
		esac
		own+=" $t"
	done
	for t in $own; do run_test "$t"; done
fi
if [ -n "${PAS_POOL:-}" ]; then
	pool_drain
	# this track's published tests may run in another lane: keep the work
	# area (the lock above) until they are done
	for f in "$PAS_POOL"/*-"$TRACK"-*.todo; do
		[ -e "$f" ] || continue
		while [ ! -e "$f.done" ]; do sleep 2; done
	done
fi
