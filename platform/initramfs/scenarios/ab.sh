# Scenario "ab": start and stop every remoteproc through sysfs and assert the
# outcome the host expects (pas.expect=running|refused, default running), for
# every remote or those of pas.remotes=NAME,...
#  running: offline -> running -> offline; while running (no-QHEE mode) the
#           double walks exactly the leaves the platform's facts give; after
#           stop its audit is clean: nothing mapped for the SID, no bridge
#           over the carveout, no bypass or unreadable stream, no SMMU fault
#           (FAULTED) while the remote ran.
#  refused: `echo start` fails, the state stays offline, and the double's last
#           verdict is a REFUSED line (the host checks what it names).
#  failed:  `echo start` fails before TrustZone is asked to authenticate
#           (Linux gave up on its own), the state stays offline and the
#           double's audit is clean (the host checks Linux's message).

cycle_one() { # cycle_one NAME EXPECT
	n=$1 d=$(rproc_dir "$1")
	s0=$(cat "$d/state")
	echo "# $n: state $s0"
	if echo start >"$d/state" 2>/dev/null && wait_state "$d" running 10; then
		echo "# $n: $s0 -> running"
		echo "# $n: verdict: $(dbg "$n/verdict")"
		dbg "$n/map" | sed "s/^/# $n: map: /"
		cnt=$(dbg "$n/counters")
		echo "# $n: counters: $cnt"
		want=	# no-QHEE: Linux maps the stream; under QHEE the hypervisor does
		case $(dbg mode) in noqhee*) want=$(expect_leaves "$n") || want=unknown ;; esac
		echo stop >"$d/state"
		wait_state "$d" offline 10
		s1=$(cat "$d/state")
		audit=$(dbg "$n/audit")
		echo "# $n: running -> $s1"
		echo "# $n: after stop: $audit"
		[ "$2" = running ] || { ktap_not_ok "$n started, but it was expected to fail ($2)"; return; }
		[ "$s1" = offline ] || { ktap_not_ok "$n did not stop (state $s1)"; return; }
		audit_clean "$audit" || { ktap_not_ok "$n left state behind after stop or faulted ($audit)"; return; }
		[ -z "$want" ] || [ "${cnt##*leaves=}" = "$want" ] ||
			{ ktap_not_ok "$n ran with ${cnt##*leaves=} leaves, the platform's facts give $want"; return; }
		ktap_ok "$n offline -> running -> offline"
	else
		s1=$(cat "$d/state")
		v=$(dbg "$n/verdict")
		echo "# $n: start failed, state $s1"
		echo "# $n: verdict: $v"
		[ "$s1" = running ] && echo stop >"$d/state"
		if [ "$2" = refused ]; then
			case $v in *REFUSED*) ktap_ok "$n refused by the double (expected)" ;;
			*) ktap_not_ok "$n failed to start without a REFUSED verdict" ;; esac
		elif [ "$2" = failed ]; then
			audit=$(dbg "$n/audit")
			echo "# $n: after the failed start: $audit"
			case $v in
			*REFUSED* | *authenticated*) ktap_not_ok "$n reached TrustZone's auth ($v)" ;;
			*) if audit_clean "$audit"; then ktap_ok "$n failed before auth, nothing left behind (expected)"
			   else ktap_not_ok "$n failed before auth but left state behind ($audit)"; fi ;;
			esac
		else
			ktap_not_ok "$n offline -> running -> offline"
		fi
	fi
}

scenario_main() {
	expect=$(cmdline_arg pas.expect)
	[ -n "$expect" ] || expect=running
	echo "# pas: double mode $(dbg mode), expecting $expect"
	ktap_header "$(selected_remotes | wc -w)"
	for n in $(selected_remotes); do
		cycle_one "$n" "$expect"
	done
	ktap_result
}
