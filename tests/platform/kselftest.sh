#!/usr/bin/env bash
# tests/platform/kselftest.sh - run the series' remoteproc kselftest in the
# guest (series kernel, no-QHEE), parse its KTAP on the host and turn the
# guest's result into this script's exit code. A panic or a hang is a failure
# with a clear message (run.sh: 125/124), never a CI timeout.
. "$(dirname "$0")/lib.sh"
bash "$ROOT/platform/ensure_inputs.sh" "$SERIES_KERNEL"
boot "$SERIES_KERNEL" noqhee kselftest
echo "$OUT" >"$LOGS/kselftest.ktap"
# The guest's KTAP (kselftest prints "TAP version 13"), re-emitted as one subtest.
pass=$(grep -acE '^ok [0-9]+ [^#]*$' "$LOGS/kselftest.ktap" || true)
skip=$(grep -acE '^ok [0-9]+ .*# *SKIP' "$LOGS/kselftest.ktap" || true)
fail=$(grep -acE '^not ok [0-9]+' "$LOGS/kselftest.ktap" || true)
t_plan 1
grep -aE '^(not )?ok [0-9]+|^# (kselftest|Totals)' "$LOGS/kselftest.ktap" | t_diag
echo "# host parse: $pass pass, $skip skip, $fail fail; guest result $RC; logs $NS $SEC"
case $RC in
0) if [ "$fail" -eq 0 ] && [ $((pass + skip)) -gt 0 ]; then t_ok "remoteproc kselftest in the guest"
   else t_not_ok "remoteproc kselftest in the guest (guest said pass, KTAP says $fail fail / $pass pass)"; fi ;;
4) echo "# the guest skipped the kselftest"; t_skip "remoteproc kselftest in the guest" ;;
124) t_not_ok "remoteproc kselftest in the guest: HANG (no power-off in time)" ;;
125) t_not_ok "remoteproc kselftest in the guest: KERNEL PANIC" ;;
*) t_not_ok "remoteproc kselftest in the guest (result $RC)" ;;
esac
t_exit
