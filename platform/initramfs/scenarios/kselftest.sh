# Scenario "kselftest": run the series' tools/testing/selftests/remoteproc/
# tests (TEST_PROGS of its Makefile) as run_kselftest.sh would; their KTAP goes
# to the console for the host to parse; the result is the worst exit code.

scenario_main() {
	dir=/kselftest/remoteproc
	[ -d $dir ] || { echo "# kselftest: $dir missing (series without a selftest)"; return 4; }
	progs=$(sed -n 's/^TEST_PROGS[ :+]*=//p' $dir/Makefile 2>/dev/null)
	[ -n "$progs" ] || progs=$(cd $dir && ls *.sh)
	# crash through the double (wdog SPI), not the kernel's debugfs shortcut
	export RPROC_CRASH_HOOK=/lib/pas/crash_hook.sh RPROC_TIMEOUT=10
	rc=0
	for p in $progs; do
		echo "# kselftest: running remoteproc/$p"
		(cd $dir && timeout 120 sh "./$p")
		r=$?
		echo "# kselftest: remoteproc/$p exit $r"
		# KSFT_SKIP (4) is not a failure; anything else non-zero is
		[ $r -eq 0 ] || [ $r -eq 4 ] || rc=1
	done
	return $rc
}
