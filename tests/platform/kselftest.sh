#!/usr/bin/env bash
# tests/platform/kselftest.sh - run the series' remoteproc kselftest in the
# guest (series kernel; no-QHEE mode, then QHEE mode), parse its KTAP on the
# host and turn the guest's result into this script's exit code. A panic or a
# hang is a failure with a clear message (run.sh: 125/124), never a CI timeout.
. "$(dirname "$0")/lib.sh"
bash "$ROOT/platform/ensure_inputs.sh" "$SERIES_KERNEL"

t_plan 2
for mode in noqhee qhee; do
	boot "$SERIES_KERNEL" "$mode" kselftest
	ktap=$LOGS/kselftest-$mode.ktap
	echo "$OUT" >"$ktap"
	# kselftest's own KTAP ("TAP version 13"), counted on the host
	pass=$(grep -acE '^ok [0-9]+ [^#]*$' "$ktap" || true)
	skip=$(grep -acE '^ok [0-9]+ .*# *SKIP' "$ktap" || true)
	fail=$(grep -acE '^not ok [0-9]+' "$ktap" || true)
	grep -aE '^(not )?ok [0-9]+|^# (kselftest|Totals)' "$ktap" | t_diag
	echo "# $mode: host parse: $pass pass, $skip skip, $fail fail; guest result $RC; logs $NS $SEC"
	what="remoteproc kselftest in the guest, $mode mode"
	case $RC in
	0) if [ "$fail" -eq 0 ] && [ $((pass + skip)) -gt 0 ]; then t_ok "$what"
	   else t_not_ok "$what (the guest said pass, its KTAP says $fail fail / $pass pass)"; fi ;;
	4) echo "# the guest skipped the kselftest"; t_skip "$what" ;;
	124) t_not_ok "$what: HANG (no power-off in time)" ;;
	125) t_not_ok "$what: KERNEL PANIC, OOPS, BUG or WARNING" ;;
	*) t_not_ok "$what (result $RC)" ;;
	esac
done
t_exit
