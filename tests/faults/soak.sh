#!/usr/bin/env bash
# tests/faults/soak.sh [--long] [N M S] - start/stop and crash-recovery soak of
# the five remoteprocs on the debug kernel (guest scenario soak), no-QHEE
# mode with the DTB profile (noqhee+dtb: cdsp0's place taken by cdsp-dtb, the
# remote with a DTB image, ABI.md), in two boots, the windows from qcom,devmem
# and from TrustZone's resource table, half the cycles each: N start/stop cycles of all five, M crash
# cycles of all five (the double raises wdog / fatal, the core recovers), S
# seconds of two processes
# writing start/stop to the ADSP's state. Default (CI): N=50 M=10 S=10.
# --long: N=1000 M=100 S=60, the double checked every cycle (FAULTS_EVERY=K:
# every K cycles), kmemleak every 250; prints the figures and wall time.
# two CPUs: the writers of the ADSP's state race each other and the
# recoveries (with four: 124 s of CPU instead of 106, no other difference)
FAULTS_SMP=${FAULTS_SMP:-2}
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
# DTB image is loaded, authenticated and shut down in every cycle and recovery.
# Half of the cycles with the devmem windows from qcom,devmem (old TrustZone),
# half from TrustZone's resource table (fetched again at every start).
FAULTS_TIMEOUT=$((FAULTS_TIMEOUT / 2 + 30))
cfgs=(dt:noqhee+dtb tz:noqhee+dtb+rsc=table)
for cfg in "${cfgs[@]}"; do	# side by side
	f_boot_bg "soak-${cfg%%:*}-$n-$m" "${cfg#*:}" "$NOQHEE_DTBPROF_DTB" pas.faults=soak \
		pas.n=$(((n + 1) / 2)) pas.m=$(((m + 1) / 2)) pas.hammer=$(((s + 1) / 2)) "${extra[@]}"
done
for cfg in "${cfgs[@]}"; do
	f_boot_join "soak-${cfg%%:*}-$n-$m"
	grep -E '^# ' <<<"$OUT" | grep -v '^# fact:' | sed 's/^# /#   /'
	f_guest_ktap "soak-${cfg%%:*}"
	f_console "soak-${cfg%%:*}"
	[ "$RC" = 0 ] || [ "$RC" = 1 ] || t_not_ok "soak-${cfg%%:*} # boot: $(f_why) (log $NS)"
done
echo "1..$T_N"
echo "# soak: N=$n M=$m S=$s: ${FIG[cycles]} start/stop cycles (${FIG[starts]:-0} starts), ${FIG[crashes]} crash recoveries," \
	"leaks ${FIG[leaks]}, warnings ${FIG[warnings]} (console: $F_CONSOLE_WARN), wall ${WALL}s"
f_summary
[ "$T_FAIL" -eq 0 ]
