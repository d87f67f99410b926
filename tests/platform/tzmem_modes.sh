#!/usr/bin/env bash
# tests/platform/tzmem_modes.sh - no SHM bridges to be had: TrustZone without
# SHM-bridge support (mode suffix +nobridge: SHM_BRIDGE_ENABLE answers 4) and
# Linux's default tzmem mode GENERIC (the gate's modules configuration, built
# anyway, is that kernel). With `iommus` present nothing may boot into an
# unbridged TrustZone: asserted. The series should fail its probe saying what
# is missing; until it does (issue 10) that check is an expected failure
# (KTAP TODO), and it turns into a failure the day it passes, so the TODO is
# dropped with the fix. QHEE mode on the GENERIC kernel: all five run.
. "$(dirname "$0")/lib.sh"
GENERIC_KERNEL=${PAS_GENERIC_KERNEL:-$BUILD/gate/out-modules}
[ -f "$GENERIC_KERNEL/arch/arm64/boot/Image" ] || die "no GENERIC-mode kernel in $GENERIC_KERNEL"
grep -q '^CONFIG_QCOM_TZMEM_MODE_GENERIC=y' "$GENERIC_KERNEL/.config" ||
	die "$GENERIC_KERNEL is not built in tzmem mode GENERIC"
bash "$ROOT/platform/ensure_inputs.sh" "$SERIES_KERNEL" "$GENERIC_KERNEL"

# t_todo CONDITION-RC DESCRIPTION REASON: an expected failure
t_todo() {
	if [ "$1" -eq 0 ]; then
		t_not_ok "$2: passes now, drop the TODO ($3)"
	else
		T_N=$((T_N + 1)) T_TODO=$((T_TODO + 1))
		echo "not ok $T_N $2 # TODO $3"
	fi
}

# no_unbridged_boot LABEL: every remote refused, and refused for the bridge
no_unbridged_boot() {
	local running bridge
	running=$(echo "$OUT" | grep -ac ' -> running' || true)
	bridge=$(echo "$OUT" | grep -a 'verdict:' | grep -aci 'bridge' || true)
	echo "$OUT" | grep -a 'verdict:' | head -5 | t_diag
	if [ "$RC" -eq 0 ] && [ "$running" -eq 0 ] && [ "$bridge" -ge 5 ]; then
		t_ok "$1: no remote boots into an unbridged TrustZone"
	else
		echo "# run rc $RC, remotes running $running, verdicts naming a bridge $bridge; logs $NS $SEC"
		t_not_ok "$1: no remote boots into an unbridged TrustZone"
	fi
}

# probe_names_bridge: the PAS probe failed, saying SHM bridges are missing
probe_names_bridge() {
	grep -aiE 'qcom_q6v5_pas|remoteproc' "$NS" | grep -aqiE 'shm.?bridge'
}

t_plan 5
boot "$SERIES_KERNEL" noqhee+nobridge ab pas.expect=refused
no_unbridged_boot "series, TrustZone without SHM bridges"
rc=0; probe_names_bridge || rc=$?
t_todo $rc "series, TrustZone without SHM bridges: the probe fails naming SHM bridges" "issue 10"

boot "$GENERIC_KERNEL" noqhee ab pas.expect=refused
no_unbridged_boot "series in tzmem mode GENERIC"
rc=0; probe_names_bridge || rc=$?
t_todo $rc "series in tzmem mode GENERIC: the probe fails naming SHM bridges" "issue 10"

boot "$GENERIC_KERNEL" qhee ab pas.expect=running
if [ "$RC" -eq 0 ]; then
	t_ok "series in tzmem mode GENERIC, QHEE: all five offline -> running -> offline"
else
	echo "$OUT" | grep -aE '^not ok|verdict:|start failed' | t_diag
	t_not_ok "series in tzmem mode GENERIC, QHEE: all five offline -> running -> offline"
fi
t_exit
