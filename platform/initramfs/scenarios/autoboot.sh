# Scenario "autoboot": the real default. Boot with pas.autoboot=1: /init then
# installs the firmware before the PAS driver can probe (before the fixture
# module that provides its power domains is loaded), so every remote
# auto-boots as it probes (rproc_trigger_auto_boot: one firmware-loader worker
# each, all at once, on several CPUs). Nothing is started through sysfs.
#  - more than one CPU is online (ABI.md "Machine": four);
#  - every remote reaches running by itself (60 s for all; a remote the double
#    refused stays offline and fails at once), booted once by the double, whose
#    verdict is "booted: ..."; in no-QHEE mode, while it runs the double walks
#    exactly one set of mappings (the leaves of the platform's facts), no
#    bridge lies over its carveout(s), and nothing faulted;
#  - each is then stopped through sysfs (the auto-boot holds the only
#    reference: one stop brings it offline) and the double's audit is clean;
#  - no kernel warning in the whole boot, the auto-boot included.
. /lib/pas/scenarios/faults.sh

scenario_main() {
	local all n r v ncpu mode why w pending
	all=$(rproc_names)
	n=$(echo $all | wc -w)
	mode=$(dbg mode)
	echo "# autoboot: double mode $mode, remotes:" $all
	ktap_header $((2 * n + 2))
	if [ "$(cmdline_arg pas.autoboot)" != 1 ]; then
		ktap_not_ok "boot with pas.autoboot=1 (the firmware must be there at probe)"
		return 1
	fi
	ncpu=$(grep -c ^processor /proc/cpuinfo)
	[ "$ncpu" -ge 2 ]
	ktap_check $? "several CPUs online: $ncpu ($(cat /sys/devices/system/cpu/online))"

	# one deadline for all: each is settled once running, or refused by the
	# double (its auto-boot failed: it stays offline with a REFUSED verdict)
	w=0
	while [ $w -lt 600 ]; do
		pending=
		for r in $all; do
			rp_d "$r" || continue
			read -r RPS <"$RPD/state"
			[ "$RPS" = running ] && continue
			case $(dbg "$r/verdict") in *REFUSED*) continue ;; esac
			pending="$pending $r"
		done
		[ -z "$pending" ] && break
		w=$((w + 1))
		usleep 100000
	done
	echo "# autoboot: settled after $((w / 10)).$((w % 10)) s${pending:+; still pending:$pending}"

	for r in $all; do
		rp_d "$r" || { ktap_not_ok "$r has no remoteproc"; continue; }
		read -r RPS <"$RPD/state"
		if [ "$RPS" != running ]; then
			ktap_not_ok "$r auto-booted to running # state $(rp_state "$r"), verdict: $(dbg "$r/verdict")"
			continue
		fi
		v=$(dbg "$r/verdict")
		counters_get "$r"
		echo "# $r: running by itself; verdict: $v"
		echo "# $r: counters: $CNT; audit: $(audit "$r")"
		why=
		[ "$CNT_BOOTS" = 1 ] || why="$why; booted $CNT_BOOTS times by the double"
		case $v in *booted:*) ;; *) why="$why; the double's verdict is not booted" ;; esac
		if [ "$mode" = noqhee ]; then
			want_leaves "$r" || why="$why; no expected leaves from the double"
			running_ok "$r" "$EXP" || why="$why; $WHY_RUN"
		else
			audit_get "$r"
			[ "$AUD_FAULTS" = 0 ] || why="$why; $AUD_FAULTS faults: ${AUD#*last-fault: }"
		fi
		why=${why#; }
		if [ -z "$why" ]; then ktap_ok "$r auto-booted to running"
		else ktap_not_ok "$r auto-booted to running # $why"; fi
	done
	dmesg | grep -E 'remote processor .* is now up|Booting fw image' | sed 's/^/# /'
	grep -E 'q6v5|CPU0' /proc/interrupts | sed 's/^/# /'

	for r in $all; do
		rp_d "$r" || { ktap_not_ok "$r has no remoteproc"; continue; }
		read -r RPS <"$RPD/state"
		if [ "$RPS" != running ]; then
			ktap_not_ok "$r stopped, audit clean # it was not running (state $RPS)"
			continue
		fi
		if ! rp_stop "$r"; then
			ktap_not_ok "$r stopped, audit clean # stop failed, state $(rp_state "$r")"
			continue
		fi
		audit_get "$r"
		echo "# $r: after stop: $AUD"
		if audit_clean "$AUD"; then ktap_ok "$r stopped, audit clean"
		else ktap_not_ok "$r stopped, audit clean # $AUD"; fi
	done

	f_warnings
	[ "$F_NWARN" -eq 0 ]
	ktap_check $? "no kernel warning in the boot ($F_NWARN)"
	ktap_result
}
