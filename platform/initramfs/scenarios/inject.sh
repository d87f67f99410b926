# Scenario "inject": a fault at every step of a remoteproc start, one KTAP
# line per case (tests/faults/inject.sh). pas.inject=LIST selects the case
# groups: "scm" (the double's PASD_INJECT kinds; scm:NAME:NAME only those
# cases, e.g. scm:shutdown), "map" (an IOMMU page
# table allocation failing inside iommu_map(), through fail_page_alloc with a
# stack-trace filter; pas.mapremote=NAME, default adsp) and/or "dtb" (the
# PASD_INJECT kinds at the DTB profile's remote, cdsp-dtb: mode +dtb).
# Every case: the fault really fired; `start` (or `stop`) failed with an
# error; afterwards the remote is offline, the double audits nothing mapped
# for its SID and no bridge over its carveout, and the number of live bridges
# (all, the tzmem pool's included) is what it was; no kernel warning; and the
# next start succeeds with exactly one set of mappings: the leaves the
# platform's facts give (the double's PASD_EXPECT; pas.extra_leaves= for the
# windows a case's overlay adds), never a count taken from a first run.
. /lib/pas/scenarios/faults.sh

FA=/sys/kernel/debug/fail_page_alloc

# baseline NAME: BASE_<name> = one set of mappings from the facts (want_leaves);
# one clean start/stop before any fault, with exactly those leaves
baseline() {
	want_leaves "$1" || { echo "# inject: no expected leaves for $1 (pas_double/$1/expect)"; return 1; }
	rp_start "$1" || { echo "# inject: $1 does not start before any fault: $(dbg "$1/verdict")"; return 1; }
	running_ok "$1" "$EXP" || { echo "# inject: $1 before any fault: $WHY_RUN"; rp_stop "$1"; return 1; }
	rp_stop "$1" && clean "$1"
}

# again NAME: the next start succeeds, with one clean set of mappings
again() {
	rp_start "$1" || { WHY="$WHY; next start failed: $(dbg "$1/verdict")"; return; }
	f_var "$1"
	eval "want=\$BASE_$FV"
	running_ok "$1" "$want" || WHY="$WHY; next start: $WHY_RUN"
	rp_stop "$1" || WHY="$WHY; next stop failed"
	clean "$1" || WHY="$WHY; after the next stop: $(audit "$1")"
}

# after NAME BRIDGES0: the state after a failed start or stop
after() {
	s=$(rp_state "$1")
	[ "$s" = offline ] || WHY="$WHY; state $s"
	clean "$1" || WHY="$WHY; double audit $(audit "$1")"
	b=$(counter "$1" bridges)
	[ "$b" = "$2" ] || WHY="$WHY; $b live bridges, $2 before"
}

report() { # report NAME DETAIL
	f_warnings
	[ "$F_NWARN" -eq 0 ] || WHY="$WHY; $F_NWARN kernel warnings"
	f_case_end
	if [ -z "$WHY" ]; then ktap_ok "$1 # $2"; else ktap_not_ok "$1 # ${WHY#; }"; fi
}

# scm_case NAME REMOTE KIND STATUS FIRED-RE WHEN [NTH]
#   WHEN=start: the fault hits during start, which must fail;
#   WHEN=start-any: start may succeed (the fault is after the point of no
#     return, e.g. deleting the bridge after auth_and_reset), but nothing may
#     be left behind;
#   WHEN=stop: start is clean, the fault hits the stop.
# FIRED-RE: where the fault shows: "verdict:RE" (the double's last verdict)
#   or "dmesg:RE" (the kernel log); the host also counts INJECTED lines on
#   the secure UART.
# NTH: the NTH call of KIND fails (default 1), e.g. 2 for the main image's
#   auth_and_reset of a remote with a DTB image (its DTB image's comes first).
scm_case() {
	n=$1 r=$2 kind=$3 st=$4 fired=$5 when=$6 nth=${7:-1}
	WHY=
	f_case_begin "$n"
	b0=$(counter "$r" bridges)
	rp_d "$r"; d=$RPD
	if [ "$when" = stop ]; then
		rp_start "$r" || WHY="$WHY; start before the fault failed"
	fi
	echo "$kind $nth $st" >"$DBG/inject"
	f_fact faults 1
	f_fact injects 1
	t0=$(f_uptime)
	if [ "$when" = stop ]; then
		if echo stop >"$d/state" 2>/tmp/f_err; then
			rc=0
		else
			rc=1
		fi
		echo "# $n: stop -> $([ $rc = 0 ] && echo ok || echo "error: $(cat /tmp/f_err)"), state $(rp_state "$r")"
		# a failed stop leaves the remote to the user: stop again
		[ "$(rp_state "$r")" = offline ] || echo stop >"$d/state" 2>/dev/null
		wait_state "$d" offline 10
	else
		if echo start >"$d/state" 2>/tmp/f_err; then rc=0; else rc=1; fi
		t1=$(f_uptime)
		echo "# $n: start -> $([ $rc = 0 ] && echo "ok (state $(rp_state "$r"))" || echo "error: $(sed 's/.*: //' /tmp/f_err)") after $(awk "BEGIN { print $t1 - $t0 }") s"
		# an error is a negative errno: a positive one is a status taken
		# for an errno, and sysfs returns it to the writer as a byte count
		if f_msg 'Boot failed: [0-9]'; then
			WHY="$WHY; start failed with a positive error: $(dmesg | grep -m1 'Boot failed: [0-9]' | sed 's/^\[ *[0-9.]*\] //')"
		fi
		if [ $rc = 0 ]; then
			[ "$when" = start-any ] || WHY="$WHY; start succeeded despite the fault"
			wait_state "$d" running 10
			echo "# $n: running: $(audit "$r")"
			rp_stop "$r" || WHY="$WHY; stop after the fault failed"
		fi
	fi
	echo "$kind 0 0" >"$DBG/inject"	# disarm, had it not fired
	v=$(dbg "$r/verdict")
	echo "# $n: verdict: $v"
	case $fired in
	verdict:*) echo "$v" | grep -qE "${fired#verdict:}" || WHY="$WHY; the fault did not fire (verdict: $v)" ;;
	dmesg:*) f_msg "${fired#dmesg:}" || WHY="$WHY; the fault did not fire (no '${fired#dmesg:}' in the log)" ;;
	esac
	after "$r" "$b0"
	dmesg | grep -E 'remoteproc|qcom_scm|tzmem' | grep -vE 'faults: case|is now up|is now off|powering up|will be|Booting fw' |
		head -n 6 | sed "s/^/# $n: dmesg: /"
	again "$r"
	what=start
	[ "$when" = stop ] && what=stop
	report "$n" "$what $([ $rc = 0 ] && echo succeeded || echo failed); then offline, $(audit "$r"), next start ok"
}

# scm_cases [NAME...]: all, or the named ones (pas.inject=scm:NAME:NAME)
scm_cases() {
	only=" $* "
	# name;remote;kind;status;fired;when
	while IFS=';' read -r n r k s f w; do
		[ "$only" = "  " ] || case $only in *" $n "*) ;; *) continue ;; esac
		scm_case "$n" "$r" "$k" "$s" "$f" "$w" </dev/null
	done <<EOF
init_image;adsp;1;-1;verdict:INJECTED init_image;start
mem_setup;gpdsp1;2;-1;verdict:INJECTED mem_setup;start
shm_bridge_create;adsp;4;-1;dmesg:failed to create SHM bridge|SHM Bridge failed;start
auth_and_reset;adsp;3;-1;verdict:INJECTED auth_and_reset;start
auth_and_reset_einval;adsp;3;-3;verdict:INJECTED auth_and_reset;start
ready_timeout;adsp;7;-1;dmesg:start timed out;start
shutdown;adsp;6;-1;verdict:INJECTED shutdown;stop
EOF
}

# The DTB profile's remote (pas.inject=...,dtb, mode noqhee+dtb; ABI.md "The
# DTB profile"): a fault at each call of its DTB image (the first of its kind
# in a start or stop) and at the main image's auth_and_reset after the DTB
# image was authenticated (6.12 then leaves it authenticated until the next
# start); then each page-table allocation of its start failing inside
# iommu_map(): the main carveout's, the DTB carveout's (the series unwinds
# the main carveout).
dtb_cases() {
	baseline cdsp-dtb || { ktap_not_ok "dtb # cdsp-dtb does not start cleanly (noqhee+dtb mode?)"; return; }
	scm_case dtb/init_image cdsp-dtb 1 -1 'verdict:cdsp-dtb/dtb: INJECTED init_image' start
	scm_case dtb/shm_bridge_create cdsp-dtb 4 -1 'dmesg:failed to create SHM bridge' start
	scm_case dtb/auth_and_reset cdsp-dtb 3 -1 'verdict:cdsp-dtb/dtb: INJECTED auth_and_reset' start
	scm_case dtb/main_auth_and_reset cdsp-dtb 3 -1 'verdict:cdsp-dtb: INJECTED auth_and_reset' start 2
	scm_case dtb/shutdown cdsp-dtb 6 -1 'verdict:cdsp-dtb/dtb: INJECTED shutdown' stop 2
	MAP_PFX=dtb/
	map_cases cdsp-dtb
	MAP_PFX=
}

# Last: a bridge TrustZone failed to delete cannot be removed from outside,
# so if the series leaves it behind the remote stays unstartable for the rest
# of the boot; run after every other case so that it poisons none of them.
scm_last() {
	scm_case shm_bridge_delete adsp 5 -1 '' start-any
}

# ---- IOMMU map failure: fail_page_alloc inside iommu_map() ------------------

# sym_range NAME: "start end" of a kernel function (next symbol = end)
sym_range() {
	sort /proc/kallsyms | awk -v f="$1" '
		found { print s, "0x" $1; exit }
		$3 == f && ($2 == "T" || $2 == "t") { s = "0x" $1; found = 1 }'
}

fa_set() { echo "$2" >"$FA/$1"; }

# map_case REMOTE K: the K+1-th page-table allocation under iommu_map() in
# this start fails (K pass: fail_page_alloc's space = K pages).
# Returns 1 when the start needed fewer allocations (it succeeded, no fault).
map_case() {
	r=$1 k=$2
	n="${MAP_PFX:-}iommu_map_alloc_$k"
	WHY=
	f_case_begin "$n"
	b0=$(counter "$r" bridges)
	rp_d "$r"; d=$RPD
	fa_set probability 0
	fa_set times 1
	fa_set space $((k + 1))	# size = 1 << order (pages), "space > size" passes: k pass
	fa_set probability 100
	(echo 1 >/proc/self/make-it-fail; echo start >"$d/state") 2>/tmp/f_err && rc=0 || rc=1
	fa_set probability 0
	fired=0
	f_msg 'FAULT_INJECTION: forcing a failure' && fired=1
	where=$(dmesg | sed -n 's/.*\(failed to map [a-z ]*: -[0-9]*\).*/\1/p' | head -1)
	if [ $rc = 0 ]; then
		wait_state "$d" running 10
		f_var "$r"
		eval "want=\$BASE_$FV"
		running_ok "$r" "$want"
		l=$AUD_LEAVES
		rp_stop "$r"
		f_case_end
		if [ $fired = 1 ]; then
			ktap_not_ok "$n # an allocation failed but start succeeded"
			return 0
		fi
		echo "# $n: start needs only $k page-table allocations: no fault, $l leaves (facts: $want)"
		[ -z "$WHY_RUN" ] || ktap_not_ok "$r: start after the map faults: $WHY_RUN"
		return 1
	fi
	if [ $fired = 0 ]; then
		# not this fault's doing (e.g. an earlier case broke the remote): stop
		f_warnings
		f_case_end
		ktap_not_ok "$n # start failed but no allocation was failed: $(sed 's/.*: //' /tmp/f_err); $(dbg "$r/verdict")"
		return 1
	fi
	f_fact faults 1
	[ -n "$where" ] || WHY="$WHY; no 'failed to map' message"
	echo "# $n: start -> error: $(sed 's/.*: //' /tmp/f_err); $where"
	after "$r" "$b0"
	again "$r"
	report "$n" "allocation $((k + 1)) under iommu_map fails: $where; rolled back: $(audit "$r"); next start ok"
}

map_cases() { # [REMOTE]: default pas.mapremote, else adsp
	r=${1:-$(cmdline_arg pas.mapremote)}
	[ -n "$r" ] || r=adsp
	[ -d $FA ] || { ktap_not_ok "iommu_map # no $FA (CONFIG_FAIL_PAGE_ALLOC)"; return; }
	set -- $(sym_range iommu_map)
	[ -n "$2" ] || { ktap_not_ok "iommu_map # iommu_map not in /proc/kallsyms"; return; }
	echo "# map: failing page allocations whose stack holds iommu_map [$1, $2) in the start task"
	fa_set probability 0
	fa_set require-start "$1"
	fa_set require-end "$2"
	fa_set stacktrace-depth 32
	fa_set ignore-gfp-wait N
	fa_set ignore-gfp-highmem N
	fa_set min-order 0
	fa_set interval 1
	fa_set task-filter Y
	fa_set verbose 1
	k=0
	while [ $k -lt 16 ] && map_case "$r" $k; do k=$((k + 1)); done
	echo "# map: $k failure points in a start of $r"
	[ $k -gt 0 ] || ktap_not_ok "iommu_map # no page-table allocation was made under iommu_map"
}

scenario_main() {
	groups=$(cmdline_arg pas.inject)
	[ -n "$groups" ] || groups=scm,map
	echo "# inject: double mode $(dbg mode); groups $groups"
	echo "KTAP version 1"
	for r in $(echo adsp gpdsp1 $(cmdline_arg pas.mapremote) | tr ' ' '\n' | sort -u); do
		baseline "$r" || { echo "not ok 1 baseline # $r does not start cleanly"; return 1; }
	done
	echo "# inject: one set of mappings (facts): adsp=$BASE_adsp gpdsp1=$BASE_gpdsp1 leaves"
	case ,$groups, in *,scm,*) scm_cases ;; *,scm:*) scm_cases $(echo ",$groups," | sed 's/.*,scm:\([^,]*\),.*/\1/' | tr : ' ') ;; esac
	case ,$groups, in *,map,*) map_cases ;; esac
	case ,$groups, in *,dtb,*) dtb_cases ;; esac
	case ,$groups, in *,scm,*) scm_last ;; esac
	f_kmemleak || ktap_not_ok "kmemleak # $? leaks (see '# leak:' lines)"
	if lockdep_alive; then ktap_ok "lockdep # still on at the end: no lock report in the boot"
	else ktap_not_ok "lockdep # off: it reported something (see the console) and was blind from then on"; fi
	echo "1..$KTAP_N"
	f_fact cases "$KTAP_N"
	ktap_result
}
