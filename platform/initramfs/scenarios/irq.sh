# Scenario "irq": interrupts really flow. A remote's boot, two crashes and a
# stop must raise all five of its SPIs (pended by the EL3 double: ready,
# handover, wdog, fatal, stop-ack), and the arch timer must tick:
# /proc/interrupts counts must rise.

irq_names="ready handover wdog fatal stop"

snapshot() { # snapshot PREFIX: PREFIX_<irq>=count for every q6v5 irq + timer
	eval "$1_timer=$(irq_count arch_timer)"
	for i in $irq_names; do eval "$1_$i=$(irq_count "q6v5 $i")"; done
}

scenario_main() {
	n=$(rproc_names | head -1)
	d=$(rproc_dir "$n")
	snapshot before
	ktap_header 8
	echo start >"$d/state" 2>/dev/null && wait_state "$d" running 10
	ktap_check $? "$n reached running"
	# recovery is enabled: each crash must bring the remote back to running
	echo enabled >"$d/recovery"
	ok=0
	for kind in wdog fatal; do
		echo "$kind" >"$DBG/$n/crash" && usleep 300000 && wait_state "$d" running 10 || ok=1
	done
	ktap_check $ok "$n recovered from a wdog and a fatal crash"
	echo stop >"$d/state" 2>/dev/null
	wait_state "$d" offline 10
	usleep 200000
	snapshot after
	grep -E 'arch_timer|q6v5' /proc/interrupts | sed 's/^/# /'
	eval "[ \$after_timer -gt \$before_timer ]"
	ktap_check $? "arch_timer interrupts rise ($before_timer -> $after_timer)"
	for i in $irq_names; do
		eval "b=\$before_$i a=\$after_$i"
		label=$i
		[ "$i" = stop ] && label=stop-ack	# the driver names it "q6v5 stop"
		[ "$a" -gt "$b" ]
		ktap_check $? "$label interrupt delivered ($b -> $a)"
	done
	ktap_result
}
