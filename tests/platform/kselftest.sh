#!/usr/bin/env bash
# tests/platform/kselftest.sh - run the series' remoteproc kselftest in the
# guest (series kernel; no-QHEE mode, then QHEE mode), parse its KTAP on the
# host and turn the guest's result into this script's exit code. A panic or a
# hang is a failure with a clear message (run.sh: 125/124), never a CI timeout.
# No vacuous pass: every remote of the platform (platform/ABI.md) must pass
# every test the selftest runs per remote (its TESTS_PER_RPROC), none may be
# skipped, and a selftest that did not run (all SKIP, or missing) fails.
. "$(dirname "$0")/lib.sh"
bash "$ROOT/platform/ensure_inputs.sh" "$SERIES_KERNEL"

# The expected count, from the facts: the platform's remotes (ABI.md's table)
# times the tests the selftest of the tree under test runs for each.
nrem=$(awk '/^## Remote processors/ { t = 1; next } t && /^\| *[0-9]+ *\|/ { n++ }
	t && /^## / { exit } END { print n + 0 }' "$ROOT/platform/ABI.md")
src=${PAS_SERIES_SRC:-$(kout_src "$(kernel_dir "$SERIES_KERNEL")")}
selftest=$src/tools/testing/selftests/remoteproc/remoteproc_test.sh
per=$(sed -n 's/^TESTS_PER_RPROC=\([0-9][0-9]*\)$/\1/p' "$selftest" 2>/dev/null | head -1)
[ "$nrem" -gt 0 ] || die "kselftest: no remote in platform/ABI.md's 'Remote processors' table"
[ -n "$per" ] || die "kselftest: no TESTS_PER_RPROC=N in $selftest: cannot tell how many tests must pass"
want=$((nrem * per))

t_plan 2
for mode in noqhee qhee; do
	boot "$SERIES_KERNEL" "$mode" kselftest
	ktap=$LOGS/kselftest-$mode.ktap
	echo "$OUT" >"$ktap"
	# kselftest's own KTAP ("TAP version 13"), counted on the host
	pass=$(grep -acE '^ok [0-9]+ [^#]*$' "$ktap" || true)
	skip=$(grep -acE '^ok [0-9]+ .*# *SKIP' "$ktap" || true)
	fail=$(grep -acE '^not ok [0-9]+' "$ktap" || true)
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' "$ktap" | tail -1)
	grep -aE '^(not )?ok [0-9]+|^# (kselftest|Totals)' "$ktap" | t_diag
	echo "# $mode: host parse: plan ${plan:-none}, $pass pass, $skip skip, $fail fail (want $want pass:" \
		"$nrem remotes x $per tests); guest result $RC; logs $NS $SEC"
	what="remoteproc kselftest in the guest, $mode mode: $want of $want pass"
	case $RC in
	0) if [ "$fail" -ne 0 ] || [ "$skip" -ne 0 ] || [ "$pass" -ne "$want" ] || [ "${plan:-0}" -ne "$want" ]; then
		t_not_ok "$what (the guest said pass, its KTAP says plan ${plan:-none}, $pass pass, $skip skip, $fail fail)"
	   else t_ok "$what"; fi ;;
	4) t_not_ok "$what (the selftest skipped: $pass pass, $skip skip; the series has one, it must run)" ;;
	124) t_not_ok "$what: HANG (no power-off in time)" ;;
	125) t_not_ok "$what: KERNEL PANIC, OOPS, BUG or WARNING" ;;
	*) t_not_ok "$what (result $RC; $pass pass, $skip skip, $fail fail)" ;;
	esac
done
t_exit
