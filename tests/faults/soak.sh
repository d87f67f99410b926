#!/usr/bin/env bash
# tests/faults/soak.sh [--long] [N M S] - start/stop and crash-recovery soak of
# the five remoteprocs on the debug kernel (guest scenario soak), no-QHEE
# mode with the DTB profile (noqhee+dtb: cdsp0's place taken by cdsp-dtb, the
# remote with a DTB image, ABI.md): N start/stop cycles of all five, M crash
# cycles of all five (the double raises wdog / fatal, the core recovers), S
# seconds of two processes
# writing start/stop to the ADSP's state. Default (CI): N=50 M=10 S=10.
# --long: N=1000 M=100 S=60, the double checked every cycle (FAULTS_EVERY=K:
# every K cycles), kmemleak every 250; prints the figures and wall time.
. "$(dirname "$0")/lib.sh"
extra=()
if [ "${1:-}" = --long ]; then
	n=1000 m=100 s=60
	FAULTS_TIMEOUT=36000
	# the double every cycle unless FAULTS_EVERY says otherwise; kmemleak
	# every 250 cycles, so a run cut short still has figures
	extra=(pas.every="${FAULTS_EVERY:-1}" pas.kmlevery=250)
else
	n=${1:-50} m=${2:-10} s=${3:-10}
	FAULTS_TIMEOUT=$((FAULTS_TIMEOUT + 10 * n + 20 * m + s))
fi
f_kernel
echo "KTAP version 1"
# the DTB profile (noqhee+dtb): cdsp0 is the remote with a DTB image, so its
# DTB image is loaded, authenticated and shut down in every cycle and recovery
f_boot soak-$n-$m noqhee+dtb "$NOQHEE_DTBPROF_DTB" pas.faults=soak pas.n="$n" pas.m="$m" pas.hammer="$s" "${extra[@]}"
grep -E '^# ' <<<"$OUT" | grep -v '^# fact:' | sed 's/^# /#   /'
f_guest_ktap soak
f_console soak
[ "$RC" = 0 ] || [ "$RC" = 1 ] || t_not_ok "soak # boot: $(f_why) (log $NS)"
echo "1..$T_N"
echo "# soak: N=$n M=$m S=$s: ${FIG[cycles]} start/stop cycles (${FIG[starts]:-0} starts), ${FIG[crashes]} crash recoveries," \
	"leaks ${FIG[leaks]}, warnings ${FIG[warnings]} (console: $F_CONSOLE_WARN), wall ${WALL}s"
f_summary
[ "$T_FAIL" -eq 0 ]
