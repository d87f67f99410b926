#!/usr/bin/env bash
# tests/platform/kselftest.sh - run the series' remoteproc kselftest in the
# guest (series kernel; no-QHEE mode, then QHEE mode), parse its KTAP on the
# host and turn the guest's result into this script's exit code. A panic or a
# hang is a failure with a clear message (run.sh: 125/124), never a CI timeout.
# One boot per mode runs the selftest twice (platform/initramfs/scenarios/
# kselftest.sh), with the remotes set up as a device's user space may leave
# them (one running, one with recovery disabled, coredump enabled on all):
#  - without RPROC_SELFTEST_DESTRUCTIVE (the safe default): every test is
#    skipped, exit 4 (KSFT_SKIP), and nothing changed: states, recovery and
#    coredump settings, the double's boot counts, the kernel's crash and
#    coredump reports are the same before and after;
#  - with it: no vacuous pass: every remote of the platform (platform/ABI.md)
#    passes every test the selftest runs per remote (its TESTS_PER_RPROC),
#    none skipped; the kernel handled exactly two crashes per remote, none
#    dumped (coredump disabled during the run), and every remote is left in
#    the state and settings it was found in.
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

# section RUN: the guest's lines of one run of the selftest
section() { sed -n "/^# kselftest-$1: begin\$/,/^# kselftest-$1: end, exit [0-9]*\$/p" "$ktap"; }
# fact RUN WHAT: the guest's "# kselftest-RUN: WHAT: ..." line, without its prefix
fact() { sed -n "s/^# kselftest-$1: $2: *//p" "$ktap" | tail -1; }
# count RUN: PASS SKIP FAIL PLAN EXIT of that run, from its KTAP
# (kselftest's own, "TAP version 13"), counted on the host
count() {
	local s
	s=$(section "$1")
	PASS=$(grep -acE '^ok [0-9]+ [^#]*$' <<<"$s" || true)
	SKIP=$(grep -acE '^ok [0-9]+ .*# *SKIP' <<<"$s" || true)
	FAIL=$(grep -acE '^not ok [0-9]+' <<<"$s" || true)
	PLAN=$(sed -n 's/^1\.\.\([0-9][0-9]*\)$/\1/p' <<<"$s" | tail -1)
	EXIT=$(sed -n "s/^# kselftest-$1: end, exit \([0-9]*\)\$/\1/p" <<<"$s")
	# (the safe run's SKIP lines are all alike: only the others are shown)
	{ grep -aE '^(not )?ok [0-9]+|^# (kselftest|Totals)' <<<"$s" || true; } |
		{ if [ "$1" = safe ]; then grep -v '^ok [0-9]* .*# *SKIP' || true; else cat; fi; } | t_diag
	echo "# $mode, $1 run: host parse: plan ${PLAN:-none}, $PASS pass, $SKIP skip, $FAIL fail," \
		"exit ${EXIT:-none}"
}
# changed RUN WHAT: empty if the run's before and after WHAT are the same
changed() {
	local b a
	b=$(fact "$1" "before $2") a=$(fact "$1" "after $2")
	[ -n "$b" ] && [ "$b" = "$a" ] || echo "$2 before '$b', after '$a'"
}
# counter LINE NAME: the value of NAME=N in a counters line (0 if none)
counter() { local v; v=$(sed -n "s/.* $2=\([0-9][0-9]*\).*/\1/p" <<<" $1"); echo "${v:-0}"; }

t_plan 4
for mode in noqhee qhee; do
	boot "$SERIES_KERNEL" "$mode" kselftest
	ktap=$LOGS/kselftest-$mode.ktap
	echo "$OUT" >"$ktap"
	echo "# $mode: guest result $RC; logs $NS $SEC"
	case $RC in
	124) why="HANG (no power-off in time)" ;;
	125) why="KERNEL PANIC, OOPS, BUG or WARNING" ;;
	*) why= ;;
	esac

	# 1. the safe default: everything skipped, nothing touched
	count safe
	what="remoteproc kselftest without RPROC_SELFTEST_DESTRUCTIVE, $mode mode: $want of $want skip, exit 4, nothing touched"
	bad=$why
	if [ -z "$EXIT" ]; then
		bad=${bad:-"no safe run in the guest's output (result $RC)"}
	elif [ "$EXIT" -ne 4 ] || [ "$SKIP" -ne "$want" ] || [ "$PASS" -ne 0 ] || [ "$FAIL" -ne 0 ] ||
	     [ "${PLAN:-0}" -ne "$want" ]; then
		bad="${bad:+$bad; }plan ${PLAN:-none}, $PASS pass, $SKIP skip, $FAIL fail, exit $EXIT"
	fi
	for w in settings counters; do
		c=$(changed safe $w)
		[ -z "$c" ] || bad="${bad:+$bad; }$c"
	done
	if [ -z "$bad" ]; then t_ok "$what"; else t_not_ok "$what ($bad)"; fi

	# 2. with the opt-in: every test of every remote passes, crashes proven,
	#    no dump taken, everything put back
	count destructive
	what="remoteproc kselftest with RPROC_SELFTEST_DESTRUCTIVE=1, $mode mode: $want of $want pass, remotes restored"
	bad=$why
	if [ -z "$EXIT" ]; then
		bad=${bad:-"no destructive run in the guest's output (result $RC)"}
	elif [ "$EXIT" -eq 4 ]; then
		bad="${bad:+$bad; }the selftest skipped: $PASS pass, $SKIP skip; the series has one, it must run"
	elif [ "$EXIT" -ne 0 ] || [ "$FAIL" -ne 0 ] || [ "$SKIP" -ne 0 ] || [ "$PASS" -ne "$want" ] ||
	     [ "${PLAN:-0}" -ne "$want" ]; then
		bad="${bad:+$bad; }plan ${PLAN:-none}, $PASS pass, $SKIP skip, $FAIL fail, exit $EXIT"
	fi
	c=$(changed destructive settings)
	[ -z "$c" ] || bad="${bad:+$bad; }not restored: $c"
	b=$(fact destructive "before counters") a=$(fact destructive "after counters")
	echo "# $mode, destructive run: counters before '$b', after '$a'"
	crashes=$(($(counter "$a" crashes) - $(counter "$b" crashes)))
	dumps=$(($(counter "$a" dumps) - $(counter "$b" dumps)))
	[ "$crashes" -eq $((2 * nrem)) ] ||
		bad="${bad:+$bad; }the kernel handled $crashes crashes, not 2 per remote ($((2 * nrem)))"
	[ "$dumps" -eq 0 ] || bad="${bad:+$bad; }$dumps coredumps taken: coredump was not disabled"
	# the guest's own verdict (e.g. setting the remotes up failed)
	[ "$RC" -eq 0 ] || [ -n "$why" ] || bad="${bad:+$bad; }guest result $RC"
	if [ -z "$bad" ]; then t_ok "$what"; else t_not_ok "$what ($bad)"; fi
done
t_exit
