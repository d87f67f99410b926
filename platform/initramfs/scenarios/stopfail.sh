# Scenario "stopfail": TrustZone fails a shutdown, so the remote keeps running
# and must keep everything it was given. For each remote (pas.remotes=LIST,
# default all): start; the double fails the next shutdown call (PASD_INJECT
# kind 6); `stop` must fail and leave the remote running, still mapped (its
# stream has the leaves of one set of mappings, the double's `expect`; and the
# double walks it at every SCM call and event while the remote runs: a missing
# mapping is an SMMU fault, verdict FAULTED); the next `stop` must succeed and
# leave nothing mapped or bridged. The mutation suite boots it
# (tests/mutants/6.12-lts/10-*: unmapping after a failed shutdown).

stopfail_one() { # stopfail_one NAME
	n=$1 d=$(rproc_dir "$1")
	echo start >"$d/state" 2>/dev/null && wait_state "$d" running 10 ||
		{ ktap_not_ok "$n: start # $(dbg "$n/verdict")"; return; }
	echo "6 1 -1" >"$DBG/inject"	# kind 6 (shutdown), the next call, status -1
	if echo stop >"$d/state" 2>/dev/null; then
		echo "6 0 0" >"$DBG/inject"
		ktap_not_ok "$n: stop succeeded although TrustZone failed the shutdown ($(dbg "$n/verdict"))"
		return
	fi
	s=$(cat "$d/state") v=$(dbg "$n/verdict") a=$(dbg "$n/audit")
	# one set of mappings, from the platform's facts (the double's table)
	e=$(dbg "$n/expect") l=${a#leaves=}
	e=${e#leaves=}
	echo "# $n: stop failed (as injected), state $s; verdict: $v"
	echo "# $n: while still running: $a (one set of mappings: ${e:-?})"
	case $v in
	*FAULTED*) ktap_not_ok "$n: the remote kept running after the failed shutdown but faulted: $v" ;;
	*"INJECTED shutdown"*)
		if [ "$s" != running ]; then
			ktap_not_ok "$n: state $s after the failed shutdown (must stay running)"
		elif [ "${l%% *}" != "${e%% *}" ] || [ -z "$e" ]; then
			ktap_not_ok "$n: the remote still runs after the failed shutdown, but its stream has ${l%% *} leaves, not ${e%% *}"
		else
			ktap_ok "$n: a failed shutdown leaves the remote running, with its ${e%% *} leaves mapped"
		fi ;;
	*) ktap_not_ok "$n: the injected shutdown failure did not fire (verdict: $v)" ;;
	esac
	# the user stops it again; now TrustZone agrees
	echo stop >"$d/state" 2>/dev/null
	wait_state "$d" offline 10
	s=$(cat "$d/state") v=$(dbg "$n/verdict") a=$(dbg "$n/audit")
	echo "# $n: second stop: state $s; verdict: $v; after stop: $a"
	case $v in *FAULTED*) s="$s, FAULTED: $v" ;; esac
	[ "$s" = offline ] && audit_clean "$a" &&
		ktap_ok "$n: the next stop succeeds and leaves nothing behind" ||
		ktap_not_ok "$n: the next stop: state $s, audit $a"
}

scenario_main() {
	list=$(selected_remotes)
	echo "# stopfail: double mode $(dbg mode); remotes $list"
	ktap_header $(($(echo $list | wc -w) * 2))
	for n in $list; do
		stopfail_one "$n"
	done
	ktap_result
}
