#!/usr/bin/env bash
# tests/platform/ab.sh - A/B on the virtual SA8775p.
#  1. base kernel, no-QHEE: every remoteproc must FAIL to start, refused by
#     the double with a reason naming the missing bridge or mapping (an
#     expected failure, asserted);
#  2. series kernel, no-QHEE: all five offline -> running -> offline, nothing
#     left mapped or bridged after stop;
#  3./4. QHEE mode (no mapping checks): both kernels run all five.
# KTAP on stdout; exit 0 when all four hold.
. "$(dirname "$0")/lib.sh"
bash "$ROOT/platform/ensure_inputs.sh" "$BASE_KERNEL" "$SERIES_KERNEL"

t_plan 4
boot "$BASE_KERNEL" noqhee ab pas.expect=refused
echo "$OUT" | grep -a 'verdict:' | t_diag
reasons=$(grep -ac 'REFUSED' "$SEC" || true)
echo "# secure UART: $reasons REFUSED lines, e.g.: $(grep -a -m1 'REFUSED' "$SEC")"
missing=$(echo "$OUT" | grep -a 'verdict:' | grep -aciE 'bridge|mapp|unmapped|not mapped' || true)
if [ "$RC" -eq 0 ] && [ "$reasons" -ge 5 ] && [ "$missing" -ge 5 ]; then
	t_ok "base kernel, no-QHEE: the double refuses all five, naming the missing bridge/mapping (expected failure)"
else
	echo "$OUT" | grep -aE '^(not )?ok|start failed|pas-result' | t_diag
	echo "# run rc $RC, REFUSED lines $reasons, verdicts naming bridge/mapping $missing; logs $NS $SEC"
	t_not_ok "base kernel, no-QHEE: the double refuses all five, naming the missing bridge/mapping (expected failure)"
fi

check_running() { # KERNEL MODE LABEL
	boot "$1" "$2" ab pas.expect=running
	if [ "$RC" -eq 0 ]; then
		echo "$OUT" | grep -a 'after stop:' | t_diag
		t_ok "$3: all five offline -> running -> offline"
	else
		echo "$OUT" | grep -aE '^not ok|verdict:|start failed|^run:' | t_diag
		echo "# run rc $RC; logs $NS $SEC"
		t_not_ok "$3: all five offline -> running -> offline"
	fi
}
check_running "$SERIES_KERNEL" noqhee "series kernel, no-QHEE"
check_running "$BASE_KERNEL" qhee "base kernel, QHEE"
check_running "$SERIES_KERNEL" qhee "series kernel, QHEE"
t_exit
