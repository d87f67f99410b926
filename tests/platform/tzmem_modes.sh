#!/usr/bin/env bash
# tests/platform/tzmem_modes.sh - no SHM bridges to be had: TrustZone without
# SHM-bridge support (mode suffix +nobridge: SHM_BRIDGE_ENABLE answers 4) and
# Linux's default tzmem mode GENERIC (the gate's modules configuration, built
# anyway, is that kernel). With `iommus` present the series fails every PAS
# probe saying what to enable, and nothing reaches TrustZone. QHEE mode on the
# GENERIC kernel: all five run.
. "$(dirname "$0")/lib.sh"
GENERIC_KERNEL=${PAS_GENERIC_KERNEL:-$BUILD/gate/out-modules}
[ -f "$GENERIC_KERNEL/arch/arm64/boot/Image" ] || die "no GENERIC-mode kernel in $GENERIC_KERNEL"
grep -q '^CONFIG_QCOM_TZMEM_MODE_GENERIC=y' "$GENERIC_KERNEL/.config" ||
	die "$GENERIC_KERNEL is not built in tzmem mode GENERIC"
bash "$ROOT/platform/ensure_inputs.sh" "$SERIES_KERNEL" "$GENERIC_KERNEL"

# no_unbridged_probe LABEL: no remote probed, the probe failure names SHM
# bridges, and nothing reached TrustZone's PAS service
no_unbridged_probe() {
	local named verdicts
	named=$(grep -aiE 'qcom_q6v5_pas|remoteproc' "$NS" | grep -aciE 'shm.?bridge' || true)
	verdicts=$(echo "$OUT" | grep -ac 'verdict:' || true)
	grep -aiE 'shm.?bridge' "$NS" | head -3 | t_diag
	if [ "$RC" -eq 0 ] && [ "$named" -ge 5 ] && [ "$verdicts" -eq 0 ]; then
		t_ok "$1: every probe fails naming SHM bridges, nothing reaches TrustZone"
	else
		echo "# run rc $RC, probe failures naming SHM bridges $named (want 5), verdicts $verdicts; logs $NS $SEC"
		t_not_ok "$1: every probe fails naming SHM bridges, nothing reaches TrustZone"
	fi
}

t_plan 3
boot "$SERIES_KERNEL" noqhee+nobridge noprobe pas.rprocs=0
no_unbridged_probe "series, TrustZone without SHM bridges"

boot "$GENERIC_KERNEL" noqhee noprobe pas.rprocs=0
no_unbridged_probe "series in tzmem mode GENERIC"

boot "$GENERIC_KERNEL" qhee ab pas.expect=running
if [ "$RC" -eq 0 ]; then
	t_ok "series in tzmem mode GENERIC, QHEE: all five offline -> running -> offline"
else
	echo "$OUT" | grep -aE '^not ok|verdict:|start failed' | t_diag
	t_not_ok "series in tzmem mode GENERIC, QHEE: all five offline -> running -> offline"
fi
t_exit
