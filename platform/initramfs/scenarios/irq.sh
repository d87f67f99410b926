# Scenario "irq": interrupts really flow, for every remote. One remote at a
# time (the others are offline, so whatever rises is its doing): boot it, crash
# it with the wdog and then the fatal interrupt (recovery enabled) and wait
# until each crash was handled, stop it; its own five SPIs (pended by the EL3
# double: wdog, fatal, ready, handover, stop-ack) must each have risen on one
# line of /proc/interrupts that no other remote used. The arch timer must tick.
#   pas.irqmap=NAME:SPI,...  the remotes and their first SPI (ABI.md, given by
#                            tests/platform/irq.sh): each kind must arrive on
#                            its own SPI (first+0 wdog, +1 fatal, +2 ready,
#                            +3 handover, +4 stop-ack); default: every remote
#                            probed, SPIs not checked
#   pas.remotes=NAME,...     only these remotes (e.g. the mutation suite)
# "Handled" is not a fixed sleep: the remote's crash count (the kernel's
# "crash detected in" lines) and its boots at the double must have risen, and
# the state must be running again. After the stop the double's audit must be
# clean: nothing mapped or bridged, no SMMU fault in any of those boots.
# TrustZone's resource table (PAS_GET_RSCTABLE) is asked for at every start,
# recovery included: after the start and after each recovery, the remote's
# boots and the tables the double handed out for it (its counters' rsc=) must
# have risen alike; a remote TrustZone has no table for (rsc=none) gets none.

irq_kinds="wdog fatal ready handover stop"

# q6v5_lines: "irq hwirq count kind" for every q6v5 interrupt, counts summed
# over all CPUs
q6v5_lines() {
	awk '/q6v5/ { s = 0; for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i
		print $1 + 0, $(i + 1), s, $NF }' /proc/interrupts
}
timer_count() {
	awk '/arch_timer/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s + 0 }' /proc/interrupts
}
boots() { dbg "$1/counters" | sed -n 's/.*boots=\([0-9]*\).*/\1/p'; }
# the resource tables TrustZone handed out for the remote, or none (it has no table: rsc mode none)
rsc_tables() { dbg "$1/counters" | sed -n 's/.* rsc=\([0-9a-z]*\).*/\1/p'; }
crashes() { dmesg | grep -c "crash detected in $1:"; }
# the core's word that a start (the recovery's restart) failed
start_fails() { dmesg | grep -c "can't start rproc $1:"; }

# crash_wait NAME DIR RPROC-NAME KIND: crash the remote through the double and
# wait (10 s at most) until the kernel reported the crash and the remote was
# booted again and is running. Prints what it saw.
crash_wait() {
	b0=$(boots "$1") c0=$(crashes "$3") f0=$(start_fails "$3") left=no i=0
	echo "$4" >"$DBG/$1/crash" || { echo "crash write failed"; return 1; }
	while :; do
		s=$(cat "$2/state")
		[ "$s" = running ] || left=$s
		b=$(boots "$1") c=$(crashes "$3")
		[ "$c" -gt "$c0" ] && [ "$b" -gt "$b0" ] && [ "$s" = running ] && break
		[ "$(start_fails "$3")" -gt "$f0" ] &&
			{ echo "the recovery's restart failed: $(dmesg | grep "can't start rproc $3:" | tail -1)"; return 1; }
		i=$((i + 1))
		[ $i -gt 100 ] && { echo "not handled in 10 s: state $s, crash reports $c0 -> $c, boots $b0 -> $b"; return 1; }
		usleep 100000
	done
	echo "crash reports $c0 -> $c, boots $b0 -> $b, state left running: $left"
	[ "$c" -eq $((c0 + 1)) ] || { echo "$((c - c0)) crash reports for one crash"; return 1; }
}

# irq_rise KIND FIRST-SPI: the lines of KIND that rose between
# /tmp/irq.before and /tmp/irq.after; 0 if exactly one, on the expected SPI
# (when given) and not used by an earlier remote (/tmp/irq.claimed)
irq_rise() {
	awk -v k="$1" 'FNR == NR { b[$1] = $3; next } $4 == k && $3 > b[$1] { print $1, $2, b[$1], $3 }' \
		/tmp/irq.before /tmp/irq.after >/tmp/irq.rose
	set -- "$1" "$2" $(cat /tmp/irq.rose)
	[ $# -eq 6 ] || { RISE="$1: $((($# - 2) / 4)) lines rose"; return 1; }
	RISE="$1 irq $3 (hwirq $4) $5->$6"
	grep -qx "$3" /tmp/irq.claimed 2>/dev/null && { RISE="$RISE, already used by another remote"; return 1; }
	echo "$3" >>/tmp/irq.claimed
	if [ -n "$2" ]; then
		case $1 in wdog) o=0 ;; fatal) o=1 ;; ready) o=2 ;; handover) o=3 ;; *) o=4 ;; esac
		[ "$4" -eq $((32 + $2 + o)) ] || { RISE="$RISE, expected hwirq $((32 + $2 + o)) (SPI $2+$o)"; return 1; }
	fi
}

# rsc_mark NAME: the counters at the first start; rsc_step NAME WHEN: one
# table for each boot since then (the first mismatch is kept in RSC_WHY)
# With pas.rsc_fetch=start (a kernel that asks at a start from offline only,
# as mainline does: recovery keeps the table) one table for the first start,
# none for the recoveries; else (boot, the default) one for every boot.
RSC_FETCH=$(cmdline_arg pas.rsc_fetch)
rsc_mark() { RSC_B0=$(boots "$1") RSC_T0=$(rsc_tables "$1") RSC_WHY= RSC_NOW=; }
rsc_step() {
	rb=$(boots "$1") rt=$(rsc_tables "$1")
	RSC_NOW="boots $RSC_B0 -> $rb, resource tables $RSC_T0 -> $rt"
	[ -z "$RSC_WHY" ] || return 0
	[ -n "$RSC_T0" ] && [ -n "$rt" ] || { RSC_WHY="its counters have no rsc= (ABI.md)"; return 0; }
	want=$((rb - RSC_B0))
	[ "$RSC_FETCH" != start ] || [ "$want" -eq 0 ] || want=1
	case $RSC_T0/$rt in
	none/none) ;;
	none/* | */none) RSC_WHY="after the $2: $RSC_NOW (the counters lost the table mode)" ;;
	*) [ $((rt - RSC_T0)) -eq "$want" ] || RSC_WHY="after the $2: $RSC_NOW" ;;
	esac
}

irq_one() { # irq_one NAME [FIRST-SPI]
	n=$1 spi=${2:-}
	d=$(rproc_dir "$n") || { for t in start wdog fatal stop irqs rsc; do ktap_not_ok "$n: $t # no remoteproc $n"; done; return; }
	rn=$(cat "$d/name")
	q6v5_lines >/tmp/irq.before
	rsc_mark "$n"
	ok=0
	echo start >"$d/state" 2>/dev/null && wait_state "$d" running 10 || ok=1
	ktap_check $ok "$n: offline -> running"
	[ $ok = 0 ] || echo "# $n: $(dbg "$n/verdict")"
	[ $ok = 1 ] || rsc_step "$n" start
	echo enabled >"$d/recovery"
	for kind in wdog fatal; do
		if [ $ok = 0 ]; then
			why=$(crash_wait "$n" "$d" "$rn" "$kind") && r=0 || r=1
			ktap_check $r "$n: a $kind crash was handled and the remote recovered # $why"
			[ $r = 0 ] || ok=1
			[ $r = 1 ] || rsc_step "$n" "$kind crash's recovery"
		else
			ktap_not_ok "$n: a $kind crash was handled and the remote recovered # not running"
		fi
	done
	r=0
	echo stop >"$d/state" 2>/dev/null && wait_state "$d" offline 10 || r=1
	a=$(dbg "$n/audit")
	# nothing left mapped or bridged, and no SMMU fault in all those boots
	audit_clean "$a" || r=1
	ktap_check $r "$n: running -> offline, nothing left behind, no fault # state $(cat "$d/state"); $a"
	q6v5_lines >/tmp/irq.after
	r=0 seen=
	for kind in $irq_kinds; do
		irq_rise "$kind" "$spi" || r=1
		seen="$seen; $RISE"
	done
	ktap_check $r "$n: its own wdog, fatal, ready, handover, stop-ack interrupts delivered # ${seen#; }"
	# every boot (the start and both recoveries) asked TrustZone for the resource
	# table once, or (pas.rsc_fetch=start) the start did and the recoveries kept it
	t="$n: one resource table request per boot (PAS_GET_RSCTABLE, recovery included)"
	[ "$RSC_FETCH" != start ] || t="$n: one resource table request per start (PAS_GET_RSCTABLE; recovery keeps it)"
	if [ $ok = 1 ]; then
		ktap_not_ok "$t # not every boot happened; $RSC_NOW"
	elif [ -n "$RSC_WHY" ]; then
		ktap_not_ok "$t # $RSC_WHY"
	elif [ "$RSC_T0" = none ]; then
		ktap_ok "$t # TrustZone has no table for it (rsc none); $RSC_NOW"
	else
		ktap_ok "$t # $RSC_NOW"
	fi
}

scenario_main() {
	map=$(cmdline_arg pas.irqmap | tr , ' ')
	only=$(cmdline_arg pas.remotes | tr , ' ')
	[ -n "$map" ] || for n in $(rproc_names); do map="$map $n:"; done
	if [ -n "$only" ]; then
		m=
		for e in $map; do
			case " $only " in *" ${e%%:*} "*) m="$m $e" ;; esac
		done
		map=$m
	fi
	if [ -z "$map" ]; then
		ktap_header 1
		ktap_not_ok "irq: no remote selected (pas.remotes=$only matches none of: $(echo $(rproc_names)))"
		return 1
	fi
	t0=$(timer_count)
	: >/tmp/irq.claimed
	echo "# irq: remotes (name:first SPI):$(for e in $map; do printf ' %s' "$e"; done)"
	ktap_header $(($(echo $map | wc -w) * 6 + 1))
	for e in $map; do
		irq_one "${e%%:*}" "${e#*:}"
	done
	grep -E 'arch_timer|q6v5' /proc/interrupts | sed 's/^/# /'
	t1=$(timer_count)
	[ "$t1" -gt "$t0" ]
	ktap_check $? "arch_timer interrupts rise ($t0 -> $t1)"
	ktap_result
}
