# Scenario "baddt": one case of the bad device-tree matrix (tests/faults/dt/),
# whose overlay broke the ADSP node (pas.remote=NAME: that remote's instead,
# e.g. cdsp-dtb of the DTB profile). pas.case=NAME, pas.expect=
#   probe-fail  ADSP did not register a remoteproc;
#   refused     ADSP probed but the double refuses its start (e.g. a wrong
#               stream ID: Linux maps a SID the remote does not use);
#   ignored     ADSP probed and its start behaves as without iommus
#               (qcom,devmem is not even parsed), i.e. refused by the double
#               in no-QHEE mode like the unpatched kernel;
#   start-fail  ADSP probed, Linux itself fails its start (e.g. a hostile
#               resource table from TrustZone) and it stays offline;
#   runs        ADSP starts, runs with the mappings the double expects, and
#               stops clean (e.g. TrustZone's table instead of qcom,devmem).
# Then, always: the double audits nothing mapped for SID 0x3000 and no bridge
# over the ADSP carveout; the four other remoteprocs start and stop cleanly;
# no kernel warning; kmemleak finds nothing. The host checks the console for
# pas.cases=C/EXPECT/REMOTE/RSC,...: several cases in one boot, one after the
# other (cases whose DTB is the same and whose TrustZone differs: RSC, when
# set, is the rsc word written to the double before the case, ABI.md
# PASD_RSC); one kmemleak check at the end charges each leak to its case
# (the probe's to the first). Results "# baddt-result: C: ok|not ok ...".
# Without it: pas.case, pas.expect, pas.remote; "# baddt-result: ok|...".
# the message naming the entry and the reason.
. /lib/pas/scenarios/faults.sh

baddt_others() {
	for n in $(rproc_names); do
		[ "$n" != "$R" ] || continue
		if ! rp_start "$n"; then
			echo "# baddt: $n did not start: $(dbg "$n/verdict")"
			return 1
		fi
		want_leaves "$n"
		running_ok "$n" "$EXP" || { echo "# baddt: $n running: $WHY_RUN"; rp_stop "$n"; return 1; }
		l=$AUD_LEAVES
		if ! rp_stop "$n"; then
			echo "# baddt: $n did not stop"
			return 1
		fi
		clean "$n" || { echo "# baddt: $n left $(audit "$n") after stop"; return 1; }
		echo "# baddt: $n offline -> running ($l leaves) -> offline, clean"
	done
}

# baddt_case C EXPECT R: one case; FAIL (empty: it passed), A (R's audit)
# (busybox sh: every variable is global; scenario_main's are b*)
baddt_case() {
	c=$1 expect=$2 R=${3:-adsp}
	fail=
	echo "# baddt: case $c (expect $expect, remote $R)"
	f_case_begin "$c"
	dmesg | grep -iE 'remoteproc@30000000|qcom,devmem|iommu' | sed 's/^/# dmesg: /' | head -n 12
	d=
	rp_d "$R" && d=$RPD
	case $expect in
	probe-fail)
		if [ -n "$d" ]; then
			fail="$fail; $R probed (registered $d)"
			# what the broken node gives: the start must at least fail clean
			if rp_start "$R"; then
				fail="$fail, and started"
				rp_stop "$R"
			else
				e=$(dmesg | grep -E '30000000.remoteproc|remoteproc[0-9]: ' | grep -viE 'firmware|powering up|is available' | tail -n 2 | sed 's/^\[ *[0-9.]*\] //' | tr '\n' ' ')
				fail="$fail; its start fails: $e"
			fi
		else
			echo "# baddt: $R has no remoteproc (probe failed)"
		fi
		;;
	refused | ignored | start-fail)
		if [ -z "$d" ]; then
			fail="$fail; $R did not probe"
		elif rp_start "$R"; then
			fail="$fail; $R started ($(dbg "$R/verdict"))"
			rp_stop "$R"
		else
			v=$(dbg "$R/verdict")
			echo "# baddt: $R start failed, state $(rp_state "$R"); verdict: $v"
			# start-fail: Linux refused it, the double never saw a start
			[ "$expect" = start-fail ] ||
				case $v in *REFUSED*) ;; *) fail="$fail; no REFUSED verdict ($v)" ;; esac
			[ "$(rp_state "$R")" = offline ] || fail="$fail; $R state $(rp_state "$R")"
		fi
		;;
	runs)
		if [ -z "$d" ]; then
			fail="$fail; $R did not probe"
		elif ! rp_start "$R"; then
			fail="$fail; $R did not start ($(dbg "$R/verdict"))"
		else
			want_leaves "$R"
			running_ok "$R" "$EXP" || fail="$fail; $R running: $WHY_RUN"
			echo "# baddt: $R running with $AUD_LEAVES leaves"
			rp_stop "$R" || fail="$fail; $R did not stop"
		fi
		;;
	*) fail="$fail; unknown pas.expect=$expect" ;;
	esac
	a=$(audit "$R")
	echo "# baddt: double audit for $R: $a"
	audit_clean "$a" || fail="$fail; $R audit $a"
	t_case=$(f_uptime)
	baddt_others || fail="$fail; other remoteprocs"
	f_warnings
	[ "$F_NWARN" -eq 0 ] || fail="$fail; $F_NWARN kernel warnings"
	lockdep_alive || fail="$fail; lockdep is off (it reported something, see the console)"
	f_case_end
	FAIL=$fail A=$a
}

scenario_main() {
	list=$(cmdline_arg pas.cases) pre=
	if [ -n "$list" ]; then
		pre=x
	else
		list="$(cmdline_arg pas.case)/$(cmdline_arg pas.expect)/$(cmdline_arg pas.remote)/"
	fi
	bn=0
	for item in $(echo "$list" | tr , ' '); do
		IFS=/ read -r c expect R w <<EOF
$item
EOF
		bn=$((bn + 1))
		eval "C_$bn=\$c"
		if [ -n "$w" ] && ! echo "$w" >"$DBG/rsc"; then
			eval "F_$bn='; the double refused rsc word $w' R_$bn="
			continue
		fi
		baddt_case "$c" "$expect" "$R"
		eval "F_$bn=\$FAIL R_$bn=\"\$expect; \${R:-adsp} audit \$A\""
	done
	# what the probe and the cases allocated must be 5 s old at the scan (a
	# fast boot gets there first: wait); the others' start/stop paths are
	# covered by the inject and soak scenarios
	f_kmemleak "$t_case"
	rc=0 bi=0
	while [ $bi -lt $bn ]; do
		bi=$((bi + 1))
		eval "c=\$C_$bi fail=\$F_$bi res=\$R_$bi"
		l=$(awk -v c="$c" -v first=$((bi == 1)) '$1 == c || (first && $1 == "boot") { n += $2 } END { print n + 0 }' /tmp/f_leak_cases)
		[ "$l" = 0 ] || fail="$fail; kmemleak: $l leaks"
		f_fact cases 1
		if [ -z "$fail" ]; then
			echo "# baddt-result: ${pre:+$c: }ok $res; 4 others ran; kmemleak 0"
		else
			echo "# baddt-result: ${pre:+$c: }not ok ${fail#; }"
			rc=1
		fi
	done
	return $rc
}
