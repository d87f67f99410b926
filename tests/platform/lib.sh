# shellcheck shell=bash
# Helpers of the platform tests: KTAP on stdout, details as '#' lines.
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"

BASE_KERNEL=${PAS_BASE_KERNEL:-base}
SERIES_KERNEL=${PAS_SERIES_KERNEL:-series}
# Every run of a test uses the overlay of the series under test, also the
# base kernel's (A/B: same DT, different kernel).
if [ -z "${PAS_SERIES_SRC:-}" ] && [ -f "$(kout_src "$(kernel_dir "$SERIES_KERNEL")" 2>/dev/null)/$EL2_DTSO" ]; then
	export PAS_SERIES_SRC
	PAS_SERIES_SRC=$(kout_src "$(kernel_dir "$SERIES_KERNEL")")
fi
# A kernel WARNING during a platform test is a failure, not noise.
export PAS_WARN_FAILS=${PAS_WARN_FAILS:-1}
T_N=0 T_FAIL=0
t_plan() { echo "KTAP version 1"; echo "1..$1"; }
t_ok() { T_N=$((T_N + 1)); echo "ok $T_N $*"; }
t_not_ok() { T_N=$((T_N + 1)); T_FAIL=$((T_FAIL + 1)); echo "not ok $T_N $*"; }
t_skip() { T_N=$((T_N + 1)); echo "ok $T_N $* # SKIP"; }
t_diag() { sed -E 's/^(# )?/# /'; }
T_TODO=0	# expected failures (KTAP "# TODO"), counted apart
t_exit() {
	local todo=
	[ "$T_TODO" -eq 0 ] || todo=", $T_TODO expected failures (TODO)"
	echo "# $((T_N - T_FAIL - T_TODO)) passed, $T_FAIL failed$todo"
	[ "$T_FAIL" -eq 0 ]
}

# el_ok MODE (after boot): Linux started every CPU at the mode's EL (ABI.md
# "Machine": EL1 under QHEE, EL2 without) and brought up all $QEMU_SMP CPUs;
# else EL_WHY says what differs
el_ok() {
	local el=2
	[ "$(mode_base "$1")" = qhee ] && el=1
	EL_WHY=
	grep -aq "CPU: All CPU(s) started at EL$el" "$NS" ||
		EL_WHY="Linux did not start all CPUs at EL$el ($(grep -ao 'started at EL[0-9]' "$NS" | head -1))"
	if [ "$QEMU_SMP" -gt 1 ] && ! grep -aq "SMP: Total of $QEMU_SMP processors activated" "$NS"; then
		EL_WHY="${EL_WHY:+$EL_WHY; }not all $QEMU_SMP CPUs came up"
	fi
	[ -z "$EL_WHY" ]
}

# boot KERNEL MODE SCENARIO [BOOTARG...]: one quiet run; sets OUT (guest
# lines), RC (run.sh's exit code), NS and SEC (log paths).
boot() {
	local name k
	# parent and build dir: gate/out-builtin and base/out-builtin must not share logs
	k=$(kernel_dir "$1")
	name=$(basename "$(dirname "$k")")-$(basename "$k")-$2-$3${4:+-${4#pas.expect=}}
	RC=0
	OUT=$(PAS_QUIET=1 PAS_RUN_NAME=$name bash "$ROOT/platform/run.sh" "$@" 2>&1) || RC=$?
	NS=$LOGS/$name.ns.log SEC=$LOGS/$name.secure.log
	OUT="$OUT
$(grep -av '^\[ *[0-9]*\.[0-9]*\]' "$NS" 2>/dev/null | tr -d '\r')"
}
