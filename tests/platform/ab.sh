#!/usr/bin/env bash
# tests/platform/ab.sh - A/B on the virtual SA8775p.
#  1. base kernel, no-QHEE: every remoteproc must FAIL to start, refused by
#     the double with a reason naming the missing bridge or mapping (an
#     expected failure, asserted);
#  2. series kernel, no-QHEE: all five offline -> running -> offline, nothing
#     left mapped or bridged after stop;
#  3./4. QHEE mode (no mapping checks): both kernels run all five.
#  5./6./7. the DTB profile (modes +dtb, ABI.md: cdsp0 replaced by cdsp-dtb,
#     whose DTB image is its own PAS id and carveout): 1. and 2. again, the
#     base kernel refused at the DTB image's first call, the series booting
#     the DTB image before the main one; and the series in QHEE mode.
# KTAP on stdout; exit 0 when all seven hold.
. "$(dirname "$0")/lib.sh"
bash "$ROOT/platform/ensure_inputs.sh" "$BASE_KERNEL" "$SERIES_KERNEL"

t_plan 7
check_refused() { # MODE LABEL [SECURE-UART-REGEX]
	boot "$BASE_KERNEL" "$1" ab pas.expect=refused
	echo "$OUT" | grep -a 'verdict:' | t_diag
	reasons=$(grep -ac 'REFUSED' "$SEC" || true)
	echo "# secure UART: $reasons REFUSED lines, e.g.: $(grep -a -m1 'REFUSED' "$SEC")"
	missing=$(echo "$OUT" | grep -a 'verdict:' | grep -aciE 'bridge|mapp|unmapped|not mapped' || true)
	seen=1
	[ -z "${3:-}" ] || grep -aqE "$3" "$SEC" || seen=0
	if [ "$RC" -eq 0 ] && [ "$reasons" -ge 5 ] && [ "$missing" -ge 5 ] && [ $seen = 1 ]; then
		t_ok "$2: the double refuses all five, naming the missing bridge/mapping (expected failure)"
	else
		echo "$OUT" | grep -aE '^(not )?ok|start failed|pas-result' | t_diag
		echo "# run rc $RC, REFUSED lines $reasons, verdicts naming bridge/mapping $missing${3:+, '$3' seen: $seen}; logs $NS $SEC"
		t_not_ok "$2: the double refuses all five, naming the missing bridge/mapping (expected failure)"
	fi
}
check_refused noqhee "base kernel, no-QHEE"

check_running() { # KERNEL MODE LABEL [SECURE-UART-REGEX]
	boot "$1" "$2" ab pas.expect=running
	if el_ok "$2" && [ "$RC" -eq 0 ] && { [ -z "${4:-}" ] || grep -aqE "$4" "$SEC"; }; then
		echo "$OUT" | grep -a 'after stop:' | t_diag
		t_ok "$3: all five offline -> running -> offline"
	else
		echo "$OUT" | grep -aE '^not ok|verdict:|start failed|^run:' | t_diag
		echo "# run rc $RC${EL_WHY:+, $EL_WHY}${4:+, '$4' on the secure UART: $(grep -acE "$4" "$SEC")}; logs $NS $SEC"
		t_not_ok "$3: all five offline -> running -> offline"
	fi
}
check_running "$SERIES_KERNEL" noqhee "series kernel, no-QHEE"
check_running "$BASE_KERNEL" qhee "base kernel, QHEE"
check_running "$SERIES_KERNEL" qhee "series kernel, QHEE"
# the DTB profile: the refusal names the DTB image (its init_image comes first)
check_refused noqhee+dtb "base kernel, no-QHEE, DTB profile" 'cdsp-dtb/dtb: REFUSED'
check_running "$SERIES_KERNEL" noqhee+dtb "series kernel, no-QHEE, DTB profile (cdsp-dtb: DTB image first)" \
	'cdsp-dtb/dtb: authenticated'
check_running "$SERIES_KERNEL" qhee+dtb "series kernel, QHEE, DTB profile" 'cdsp-dtb/dtb: authenticated'
t_exit
