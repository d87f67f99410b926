#!/usr/bin/env bash
# tests/platform/autoboot.sh - the real default on the virtual SA8775p: the
# firmware is there when the PAS driver probes, so every remote auto-boots at
# once, on several CPUs (scenario autoboot, pas.autoboot=1), with the series
# kernel, in no-QHEE mode (Linux at NS-EL2) and QHEE mode (Linux at NS-EL1).
# Per mode it asserts:
#  - the guest's KTAP passed: every remote running by itself, booted once,
#    one set of mappings while it ran (no-QHEE), stopped with a clean audit,
#    no kernel warning (platform/initramfs/scenarios/autoboot.sh);
#  - Linux brought up every CPU of the machine (machine.sh, -smp) and started
#    them all at the mode's EL ("CPU: All CPU(s) started at EL1|EL2");
#  - the double started each secondary (PSCI CPU_ON ... : 0, "cpuN on: NS-ELx"),
#    gave every remote a "booted:" verdict, and printed no REFUSED, FAULTED
#    or UNEXPECTED line.
# KTAP on stdout; exit 0 when both modes hold.
. "$(dirname "$0")/lib.sh"
bash "$ROOT/platform/ensure_inputs.sh" "$SERIES_KERNEL"

t_plan 2
for mode in noqhee qhee; do
	el=2
	[ "$mode" = qhee ] && el=1
	label="series kernel, $mode: every remote auto-boots at probe on $QEMU_SMP CPUs (Linux at EL$el)"
	boot "$SERIES_KERNEL" "$mode" autoboot pas.autoboot=1
	why=
	[ "$RC" -eq 0 ] || why="$why; run rc $RC"
	el_ok "$mode" || why="$why; $EL_WHY"
	if [ "$QEMU_SMP" -gt 1 ]; then
		on=$(grep -acE "cpu[0-9]+ on: NS-EL$el" "$SEC" || true)
		[ "$on" -eq $((QEMU_SMP - 1)) ] || why="$why; the double started $on secondaries at NS-EL$el"
	fi
	n=$(sed -n 's/^# autoboot: double mode [a-z]*, remotes: //p' <<<"$OUT" | wc -w)
	booted=$(grep -ac ': booted:' "$SEC" || true)
	[ "$n" -ge 5 ] && [ "$booted" -ge "$n" ] || why="$why; $booted booted verdicts for $n remotes"
	bad=$(grep -aE 'REFUSED|FAULTED|UNEXPECTED' "$SEC" | head -3 || true)
	[ -z "$bad" ] || why="$why; the double: $bad"
	{ grep -aE 'started at EL|SMP: Total' "$NS" | tr -d '\r' || true; } | t_diag
	{ grep -aE 'CPU_ON|cpu[0-9]+ on|booted:' "$SEC" || true; } | t_diag
	why=${why#; }
	if [ -z "$why" ]; then
		t_ok "$label"
	else
		{ echo "$OUT" | grep -aE '^not ok|\] run: ' || true; } | t_diag
		echo "# $why; logs $NS $SEC"
		t_not_ok "$label"
	fi
done
t_exit
