#!/usr/bin/env bash
# The test command (make test, .ci/run): install what is missing, then run
# every check and test and end with "N passed, N failed".
# Usage: test.sh all|check
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}

# lib.sh itself needs nothing but bash and coreutils; the toolbox comes next.
. "$ROOT/scripts/lib.sh"
export RESULTS=$LOGS/results.txt
: >"$RESULTS"
. "$ROOT/scripts/report.sh"
t_start=$(date +%s)
cold=warm
[ -f "$TOOLBOX/.pas-toolbox-stamp" ] || cold=cold

say "test run: $what ($cold; logs in $LOGS)"
step setup-toolbox "bash scripts/toolbox.sh" -- bash "$ROOT/scripts/toolbox.sh"
step setup-base "bash scripts/base.sh" -- bash "$ROOT/scripts/base.sh"
bash "$ROOT/scripts/versions.sh" | tee "$LOGS/versions.txt" | sed 's/^/    /' >&2

# The gate applies patches/ onto base in its own tree; every later test uses
# that tree, so what is tested is exactly the product, whatever state the
# developer's build/linux is in.
GT=$BUILD/gate/linux
bash "$ROOT/checks/run.sh"
if [ "$what" = all ] && grep -q '^PASS gate-apply' "$RESULTS"; then
	git -C "$GT" checkout -q --force gate
	BT=$BUILD/base/linux
	export PAS_SERIES_KERNEL=$BUILD/gate/out-builtin PAS_SERIES_SRC=$GT
	export PAS_BASE_KERNEL=$BUILD/base/out-builtin
	export FAULTS_KOUT=$BUILD/gate/out-debug
	export PAS_GENERIC_KERNEL=$BUILD/gate/out-modules
	export PAS_KSRC=$GT PAS_KUNIT_OUT=$BUILD/gate/out-kunit

	step firmware-unit "make -C platform/firmware test" -- \
		make -C "$ROOT/platform/firmware" O="$BUILD/platform/firmware" test
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
	step kunit "bash tests/kunit.sh" -- bash "$ROOT/tests/kunit.sh"
	for t in overlay_agrees ab autoboot irq kselftest tzmem_modes; do
		step "platform-$t" "bash tests/platform/$t.sh" -- bash "$ROOT/tests/platform/$t.sh"
	done
	# Every deliberate bug of tests/mutants/ fails for its reason; a PASS is
	# remembered under a hash of every input, as the gate's (PAS_FRESH=1, CI: re-run).
	mkey=$(cd "$ROOT" && { find patches tests/mutants platform scripts kernel -type f -print0 | sort -z |
		xargs -0 sha256sum; cat "$TOOLBOX/.pas-toolbox-stamp"; } | sha256sum | cut -c1-16)
	cached_step mutants "$mkey" "bash tests/mutants/run.sh" -- bash "$ROOT/tests/mutants/run.sh"
	for t in baddt inject soak; do
		step "faults-$t" "bash tests/faults/$t.sh" -- bash "$ROOT/tests/faults/$t.sh"
	done
fi
wall=$(($(date +%s) - t_start))
# "date wall cold|warm", read by the bench
[ "$what" = all ] && echo "$(date -u +%FT%TZ) $wall $cold" >>"$CACHE/test-runs.log"
say "wall time ${wall}s ($cold)"
summary
