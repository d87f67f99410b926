#!/usr/bin/env bash
# One track's part of the test command (scripts/test.sh runs it per track,
# with PAS_TRACK and STEP_PREFIX set): its base, its gate, its kernels and
# the tests on the platform. Appends to $RESULTS.
# Usage: test-track.sh all|check
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}
. "$ROOT/scripts/lib.sh"
. "$ROOT/scripts/report.sh"

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
GT=$BUILD/gate/linux
bash "$ROOT/checks/run.sh"
if [ "$what" = all ] && grep -q "^PASS ${STEP_PREFIX:-}gate-apply " "$RESULTS"; then
	git -C "$GT" checkout -q --force gate
	BT=$BUILD/base/linux
	export PAS_SERIES_KERNEL=$BUILD/gate/out-builtin PAS_SERIES_SRC=$GT
	export PAS_BASE_KERNEL=$BUILD/base/out-builtin
	export FAULTS_KOUT=$BUILD/gate/out-debug
	export PAS_GENERIC_KERNEL=$BUILD/gate/out-modules
	export PAS_KSRC=$GT PAS_KUNIT_OUT=$BUILD/gate/out-kunit

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
	# mutants, faults/<t>. (One after the other: a third lane of fault
	# boots beside both tracks' platform tests made everything slower, each
	# guest starved by the others: baddt 660 s instead of 201, NOTES.md.)
	for t in $TESTS; do
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
	done
fi
