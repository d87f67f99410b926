# Scenario "kselftest": run the series' tools/testing/selftests/remoteproc/
# tests (TEST_PROGS of its Makefile) as run_kselftest.sh would, twice; their
# KTAP goes to the console for the host (tests/platform/kselftest.sh) to parse:
#   safe         without the opt-in: every test must be skipped (exit 4) and
#                nothing touched;
#   destructive  with RPROC_SELFTEST_DESTRUCTIVE=1: every test must pass and
#                every remote be left as it was found.
# First the remotes are set up as a device's user space may have left them,
# so that what the selftest must leave alone or put back is not all the
# boot-time default: adsp running, cdsp1 with recovery disabled, coredump
# enabled on every remote. Each run's output lies between the lines
#   # kselftest-RUN: begin          and   # kselftest-RUN: end, exit N
# with what the remotes looked like before and after it:
#   # kselftest-RUN: before|after settings: KEY=STATE/RECOVERY/COREDUMP ...
#   # kselftest-RUN: before|after counters: KEY=BOOTS ... crashes=N dumps=N
# BOOTS is the double's boot count of the remote, crashes the kernel's
# "handling crash" lines, dumps its coredump attempts: with coredump enabled a
# crash makes qcom_q6v5_pas look for a minidump (the platform has no SMEM:
# "Minidump TOC not found"), plus the devcd* entries of /sys/class/devcoredump.
# The result: the worst exit code of the destructive run, 1 if the safe run
# did not exit 4 (the host judges the rest).

ksft_settings() {
	local d
	for d in "$RP"/*; do
		printf ' %s=%s/%s/%s' "$(rproc_key "$d")" "$(cat "$d/state")" \
			"$(cat "$d/recovery")" "$(cat "$d/coredump")"
	done
	echo
}

ksft_counters() {
	local k dumps
	for k in $(rproc_names); do
		printf ' %s=%s' "$k" "$(dbg "$k/counters" | sed -n 's/.*boots=\([0-9]*\).*/\1/p')"
	done
	dumps=$(($(dmesg | grep -c -e 'Minidump TOC not found' -e 'Minidump not ready') +
		$(ls -d /sys/class/devcoredump/devcd* 2>/dev/null | wc -l)))
	echo " crashes=$(dmesg | grep -c 'handling crash #') dumps=$dumps"
}

# ksft_run RUN DIR PROGS: run every program of PROGS in DIR; KSFT_RC := the
# worst exit code (4, KSFT_SKIP, is not a failure; anything else non-zero is)
ksft_run() {
	local p r
	KSFT_RC=0
	echo "# kselftest-$1: before settings:$(ksft_settings)"
	echo "# kselftest-$1: before counters:$(ksft_counters)"
	echo "# kselftest-$1: begin"
	for p in $3; do
		echo "# kselftest: running remoteproc/$p ($1)"
		(cd "$2" && timeout 120 sh "./$p")
		r=$?
		echo "# kselftest: remoteproc/$p exit $r ($1)"
		[ $r -eq 0 ] || [ $r -eq 4 ] || KSFT_RC=1
		[ $KSFT_RC -ne 0 ] || [ $r -ne 4 ] || KSFT_RC=4
	done
	echo "# kselftest-$1: end, exit $KSFT_RC"
	echo "# kselftest-$1: after settings:$(ksft_settings)"
	echo "# kselftest-$1: after counters:$(ksft_counters)"
}

scenario_main() {
	local dir=/kselftest/remoteproc progs d rc=0
	[ -d $dir ] || { echo "# kselftest: $dir missing (series without a selftest)"; return 4; }
	progs=$(sed -n 's/^TEST_PROGS[ :+]*=//p' $dir/Makefile 2>/dev/null)
	[ -n "$progs" ] || progs=$(cd $dir && ls *.sh)

	for d in "$RP"/*; do echo enabled >"$d/coredump" || rc=1; done
	d=$(rproc_dir cdsp1) && { echo disabled >"$d/recovery" || rc=1; }
	d=$(rproc_dir adsp) && { echo start >"$d/state" && wait_state "$d" running 10 || rc=1; }
	[ $rc -eq 0 ] || { echo "# kselftest: setting the remotes up failed"; return 1; }

	# crash through the double (wdog SPI), not the kernel's debugfs shortcut
	export RPROC_CRASH_HOOK=/lib/pas/crash_hook.sh RPROC_TIMEOUT=10
	unset RPROC_SELFTEST_DESTRUCTIVE
	ksft_run safe $dir "$progs"
	[ $KSFT_RC -eq 4 ] || rc=1
	export RPROC_SELFTEST_DESTRUCTIVE=1
	ksft_run destructive $dir "$progs"
	[ $KSFT_RC -eq 0 ] || [ $KSFT_RC -eq 4 ] || rc=1

	for d in "$RP"/*; do
		[ "$(cat "$d/state")" = running ] && echo stop >"$d/state"
	done
	return $rc
}
