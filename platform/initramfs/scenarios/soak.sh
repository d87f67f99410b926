# Scenario "soak": pas.n=N start/stop cycles and pas.m=M crash-recovery
# cycles on all five remoteprocs, then pas.hammer=S seconds of two processes
# writing start/stop to one remoteproc's state (tests/faults/soak.sh).
#  - start/stop cycle: start the five, check that the double walks exactly
#    one set of mappings for each (the leaves the platform's facts give, the
#    double's PASD_EXPECT; no bridge over the carveout; no fault), stop the
#    five, check the audit is clean (nothing mapped, no bypass or unreadable
#    stream, no FAULTED) and the number of live bridges is back to the
#    baseline;
#  - crash cycle (the five running): crash each through the double
#    (PASD_CRASH, wdog and fatal alternately), wait until the core recovered
#    it (boots + 1, running), check again exactly one set of mappings;
#  - hammer: two writers for S seconds, then the remote is brought offline
#    and must be clean, and start/stop once more.
# Kernel warnings (KASAN, lockdep, ODEBUG, WARN) are checked per phase,
# kmemleak once at the end (and every pas.kmlevery=K start/stop cycles).
# pas.every=K checks the double every K start/stop cycles (default 1: every
# cycle; the first and last are always checked).
. /lib/pas/scenarios/faults.sh

# the five of the platform: in the DTB profile (mode +dtb) cdsp-dtb is cdsp0's
ALL=$(rproc_names)

soak_fail() { SOAK_WHY="$SOAK_WHY; $*"; echo "# soak: FAIL: $*"; }

check_running() { # check_running CYCLE
	for r in $ALL; do
		f_var "$r"
		eval "want=\$BASE_$FV"
		running_ok "$r" "$want" || soak_fail "$1: $r running: $WHY_RUN"
	done
}

check_stopped() { # check_stopped CYCLE
	for r in $ALL; do
		clean "$r" || soak_fail "$1: $r stopped but $AUD"
	done
	counters_get adsp
	[ "$CNT_BRIDGES" = "$BRIDGES0" ] || soak_fail "$1: $CNT_BRIDGES live bridges, $BRIDGES0 at the start"
}

start_all() {
	for r in $ALL; do
		rp_start "$r" || { soak_fail "$1: $r did not start: $(dbg "$r/verdict")"; return 1; }
	done
}

stop_all() {
	for r in $ALL; do
		rp_stop "$r" || { soak_fail "$1: $r did not stop (state $(rp_state "$r"))"; return 1; }
	done
}

phase_end() { # phase_end NAME DETAIL
	f_warnings
	[ "$F_NWARN" -eq 0 ] || soak_fail "$F_NWARN kernel warnings"
	f_case_end
	if [ -z "$SOAK_WHY" ]; then ktap_ok "$1 # $2"; else ktap_not_ok "$1 # $(echo "${SOAK_WHY#; }" | cut -c1-300)"; fi
}

cycles() {
	n=$1 every=$2
	SOAK_WHY=
	f_case_begin start-stop
	t0=$(f_uptime)
	cyc=0
	while [ $cyc -lt "$n" ]; do
		cyc=$((cyc + 1))
		start_all "cycle $cyc" || break
		[ $((cyc % every)) = 0 ] || [ $cyc = 1 ] || [ $cyc = "$n" ] && check_running "cycle $cyc"
		stop_all "cycle $cyc" || break
		[ $((cyc % every)) = 0 ] || [ $cyc = 1 ] || [ $cyc = "$n" ] && check_stopped "cycle $cyc"
		[ -z "$SOAK_WHY" ] || break
		[ $((cyc % 50)) = 0 ] && echo "# soak: $cyc/$n start/stop cycles, $(awk "BEGIN { print $(f_uptime) - $t0 }") s"
		# long runs: a kmemleak scan now and then, so a partial run has figures
		if [ "$kml_every" -gt 0 ] && [ $((cyc % kml_every)) = 0 ] && [ $cyc != "$n" ]; then
			f_kmemleak nowait || soak_fail "cycle $cyc: kmemleak found leaks"
			echo "# soak: kmemleak scan at cycle $cyc: $(grep -c '^unreferenced object' /tmp/f_kml) leaks"
		fi
	done
	[ "$cyc" = "$n" ] || soak_fail "only $cyc of $n cycles ran"
	dt=$(awk "BEGIN { printf \"%.1f\", $(f_uptime) - $t0 }")
	f_fact cycles "$cyc"
	f_fact starts $((cyc * 5))
	echo "# soak: $cyc start/stop cycles of 5 remoteprocs in $dt s"
	phase_end start-stop "$cyc cycles x 5 remoteprocs in ${dt}s; one set of mappings while running, none stopped"
}

crash_one() { # crash_one REMOTE KIND CYCLE
	r=$1; rp_d "$1"; d=$RPD
	counters_get "$r"
	boots=$CNT_BOOTS
	echo "$2" >"$DBG/$r/crash" || { soak_fail "$3: crash $2 of $r refused"; return 1; }
	# recovery: the core stops and starts it again (boots + 1, running)
	j=0
	while :; do
		counters_get "$r"
		read -r RPS <"$d/state"
		[ "$CNT_BOOTS" != "$boots" ] && [ "$RPS" = running ] && break
		j=$((j + 1))
		[ $j -gt 150 ] && { soak_fail "$3: $r not recovered from $2 after 15 s (state $RPS)"; return 1; }
		usleep 100000
	done
}

crashes() {
	m=$1
	SOAK_WHY=
	f_case_begin crash-recovery
	t0=$(f_uptime)
	start_all "crash setup" || { phase_end crash-recovery "setup"; return; }
	cc=0
	while [ $cc -lt "$m" ]; do
		cc=$((cc + 1))
		kind=wdog
		[ $((cc % 2)) = 0 ] && kind=fatal
		for r in $ALL; do
			crash_one "$r" "$kind" "crash $cc" || break
		done
		check_running "crash $cc"
		[ -z "$SOAK_WHY" ] || break
		[ $((cc % 10)) = 0 ] && echo "# soak: $cc/$m crash cycles, $(awk "BEGIN { print $(f_uptime) - $t0 }") s"
	done
	[ "$cc" = "$m" ] || soak_fail "only $cc of $m crash cycles ran"
	stop_all "crash end"
	check_stopped "crash end"
	dt=$(awk "BEGIN { printf \"%.1f\", $(f_uptime) - $t0 }")
	f_fact crashes $((cc * 5))
	f_fact faults $((cc * 5))
	echo "# soak: $cc crash cycles of 5 remoteprocs ($((cc * 5)) recoveries) in $dt s"
	phase_end crash-recovery "$cc cycles x 5 remoteprocs (wdog/fatal) recovered in ${dt}s; one set of mappings each time"
}

hammer() {
	secs=$1 r=adsp
	SOAK_WHY=
	f_case_begin concurrent-writers
	rp_d "$r"; d=$RPD
	end=$(($(cut -d. -f1 /proc/uptime) + secs))
	for w in 1 2; do
		(
			k=0
			while [ "$(cut -d. -f1 /proc/uptime)" -lt $end ]; do
				echo start >"$d/state" 2>/dev/null
				echo stop >"$d/state" 2>/dev/null
				k=$((k + 1))
			done
			echo "$k" >/tmp/f_hammer.$w
		) &
	done
	wait
	w1=$(cat /tmp/f_hammer.1) w2=$(cat /tmp/f_hammer.2)
	s=$(rp_state "$r")
	echo "# soak: writers did $w1 + $w2 start/stop pairs in ${secs}s; $r is $s"
	[ "$s" = offline ] || rp_stop "$r" || soak_fail "$r does not stop after the writers (state $(rp_state "$r"))"
	clean "$r" || soak_fail "after the writers: $(audit "$r")"
	b=$(counter "$r" bridges)
	[ "$b" = "$BRIDGES0" ] || soak_fail "after the writers: $b live bridges, $BRIDGES0 at the start"
	if rp_start "$r"; then
		running_ok "$r" "$BASE_adsp" || soak_fail "start after the writers: $WHY_RUN"
		rp_stop "$r"
		clean "$r" || soak_fail "stop after the writers: $(audit "$r")"
	else
		soak_fail "start after the writers failed: $(dbg "$r/verdict")"
	fi
	f_fact cycles 0
	phase_end concurrent-writers "2 writers x ${secs}s on $r ($w1 + $w2 start/stop pairs); then offline, clean, restartable"
}

scenario_main() {
	n=$(cmdline_arg pas.n) m=$(cmdline_arg pas.m) secs=$(cmdline_arg pas.hammer) every=$(cmdline_arg pas.every)
	kml_every=$(cmdline_arg pas.kmlevery)
	: "${n:=5}" "${m:=2}" "${secs:=10}" "${every:=1}" "${kml_every:=0}"
	echo "# soak: double mode $(dbg mode); N=$n start/stop cycles, M=$m crash cycles, $secs s of 2 writers"
	echo "KTAP version 1"
	for r in $ALL; do
		want_leaves "$r" || { echo "not ok 1 baseline # no expected leaves for $r"; return 1; }
		rp_start "$r" || { echo "not ok 1 baseline # $r does not start: $(dbg "$r/verdict")"; return 1; }
		running_ok "$r" "$EXP" || { echo "not ok 1 baseline # $r: $WHY_RUN"; return 1; }
		rp_stop "$r"
	done
	# after the first start: the tzmem pool's own bridge (for the metadata)
	# is created with the pool, on first use, and stays
	BRIDGES0=$(counter adsp bridges)
	echo "# soak: one set of mappings (facts):$(for r in $ALL; do f_var "$r"; eval "printf ' %s=%s' $r \$BASE_$FV"; done) leaves; $BRIDGES0 live bridges when all stopped"
	# crashes first: in a long run cut short, both kinds have figures
	[ "$m" -gt 0 ] && crashes "$m"
	[ "$n" -gt 0 ] && cycles "$n" "$every"
	[ "$secs" -gt 0 ] && hammer "$secs"
	f_kmemleak || ktap_not_ok "kmemleak # $? leaks (see '# leak:' lines)"
	if lockdep_alive; then ktap_ok "lockdep # still on at the end: no lock report in the boot"
	else ktap_not_ok "lockdep # off: it reported something (see the console) and was blind from then on"; fi
	echo "1..$KTAP_N"
	ktap_result
}
