# Scenario "irq": interrupts really flow. Booting and stopping a remote must
# raise its ready, handover and stop-ack SPIs (pended by the EL3 double), and
# the arch timer must tick: /proc/interrupts counts must rise.

scenario_main() {
	n=$(rproc_names | head -1)
	d=$(rproc_dir "$n")
	t0=$(irq_count arch_timer) r0=$(irq_count 'q6v5 ready') h0=$(irq_count 'q6v5 handover') s0=$(irq_count 'q6v5 stop')
	ktap_header 5
	echo start >"$d/state" 2>/dev/null && wait_state "$d" running 10
	ktap_check $? "$n reached running"
	echo stop >"$d/state" 2>/dev/null
	usleep 200000
	t1=$(irq_count arch_timer) r1=$(irq_count 'q6v5 ready') h1=$(irq_count 'q6v5 handover') s1=$(irq_count 'q6v5 stop')
	echo "# arch_timer $t0 -> $t1, ready $r0 -> $r1, handover $h0 -> $h1, stop-ack $s0 -> $s1"
	grep -E 'arch_timer|q6v5' /proc/interrupts | sed 's/^/# /'
	[ "$t1" -gt "$t0" ]; ktap_check $? "arch_timer interrupts rise"
	[ "$r1" -gt "$r0" ]; ktap_check $? "ready interrupt delivered"
	[ "$h1" -gt "$h0" ]; ktap_check $? "handover interrupt delivered"
	[ "$s1" -gt "$s0" ]; ktap_check $? "stop-ack interrupt delivered"
	ktap_result
}
