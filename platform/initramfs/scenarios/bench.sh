# Scenario "bench" (bench/run.sh; owned by bench/): figures, never a verdict
# on time. For every remoteproc, K start/stop cycles (pas.bench_k=, default 5):
#   start latency = `echo start >state` until state reads `running`,
#   stop latency  = `echo stop >state`  until state reads `offline`.
# Clock: the kernel's printk clock (local_clock, ns kept, us printed) stamped
# on /dev/kmsg markers written by shell builtins (no fork, no exec on the
# measured path); the host reads them back from the "bench-ts" dump at the
# end. Needs printk.devkmsg=on (else markers are rate limited) - checked.
# Also prints the double's map of each remote while running (bench-map), and,
# when the kernel has the function_graph tracer (kernel/configs/bench.config),
# K more traced cycles per remote with the duration of every call of the
# series' map/unmap helpers and of the SCM calls around them (bench-fg).
# Result: 0 when every cycle reached its state and every marker was kept.

BENCH_FUNCS="qcom_map_carveout qcom_map_devmem qcom_unmap_carveout qcom_unmap_devmem
qcom_tzmem_shm_bridge_create qcom_tzmem_shm_bridge_delete qcom_scm_pas_init_image
qcom_scm_pas_mem_setup qcom_scm_pas_auth_and_reset qcom_scm_pas_shutdown
qcom_mdt_load qcom_mdt_pas_init rproc_boot rproc_shutdown
qcom_pas_start qcom_pas_stop qcom_pas_load qcom_pas_unprepare qcom_pas_iommu_map
qcom_pas_iommu_unmap qcom_pas_auth_and_reset qcom_q6v5_prepare qcom_q6v5_unprepare
qcom_q6v5_wait_for_start qcom_q6v5_request_stop request_firmware release_firmware
iommu_map iommu_unmap rproc_enable_iommu rproc_disable_iommu iommu_domain_alloc
iommu_attach_device iommu_detach_device iommu_domain_free"

mark() { echo "<7>bench: $*" >/dev/kmsg; }

# bench_wait DIR STATE: spin on sysfs with builtins only (the writes are
# synchronous, so this normally reads the state once); at most ~10 s
bench_wait() {
	j=0
	while :; do
		read -r s <"$1/state"
		[ "$s" = "$2" ] && return 0
		j=$((j + 1))
		[ $j -gt 100 ] && return 1
		usleep 100000
	done
}

bench_cycle() { # bench_cycle NAME DIR TAG
	mark "start-begin $1 $3"
	echo start >"$2/state" 2>/dev/null || { echo "# bench: $1: start failed"; return 1; }
	bench_wait "$2" running || { echo "# bench: $1: not running"; return 1; }
	mark "start-end $1 $3"
	[ "$3" = 0 ] && dbg "$1/map" | sed "s/^/bench-map $1 /"
	mark "stop-begin $1 $3"
	echo stop >"$2/state" 2>/dev/null || { echo "# bench: $1: stop failed"; return 1; }
	bench_wait "$2" offline || { echo "# bench: $1: not offline"; return 1; }
	mark "stop-end $1 $3"
	a=$(dbg "$1/audit")
	audit_clean "$a" || { echo "# bench: $1: left behind after stop or faulted: $a"; return 1; }
}

scenario_main() {
	k=$(cmdline_arg pas.bench_k)
	[ -n "$k" ] || k=5
	rc=0
	[ "$(cat /proc/sys/kernel/printk_devkmsg)" = on ] ||
		{ echo "# bench: printk.devkmsg is not 'on': markers would be rate limited"; return 1; }
	echo "bench-mode $(dbg mode)"
	for n in $(rproc_names); do
		d=$(rproc_dir "$n")
		i=0
		while [ $i -lt "$k" ]; do
			bench_cycle "$n" "$d" $i || rc=1
			i=$((i + 1))
		done
	done
	T=/sys/kernel/debug/tracing
	if grep -qw function_graph $T/available_tracers 2>/dev/null; then
		# function_graph on the listed functions only: one duration per call
		# (medians on the host, robust to the host preempting QEMU)
		: >$T/set_ftrace_filter
		for f in $BENCH_FUNCS; do echo "$f" >>$T/set_ftrace_filter 2>/dev/null; done
		echo "# bench: tracing $(wc -l <$T/set_ftrace_filter) functions"
		echo 0 >$T/tracing_on
		echo function_graph >$T/current_tracer
		echo 1 >$T/options/funcgraph-tail
		echo 2048 >$T/buffer_size_kb
		for n in $(rproc_names); do
			: >$T/trace
			echo 1 >$T/tracing_on
			i=0
			while [ $i -lt "$k" ]; do
				bench_cycle "$n" "$(rproc_dir "$n")" prof$i || rc=1
				i=$((i + 1))
			done
			echo 0 >$T/tracing_on
			grep ' us ' $T/trace | sed "s/^/bench-fg $n /"
		done
		# pas.bench_graph=N: the whole call graph of one start/stop of the
		# first remote, N levels deep (to find where a difference comes from)
		depth=$(cmdline_arg pas.bench_graph)
		if [ -n "$depth" ]; then
			: >$T/set_ftrace_filter
			echo rproc_boot >$T/set_graph_function
			echo rproc_shutdown >>$T/set_graph_function
			echo "$depth" >$T/max_graph_depth
			n=$(rproc_names | head -1)
			: >$T/trace
			echo 1 >$T/tracing_on
			bench_cycle "$n" "$(rproc_dir "$n")" graph || rc=1
			echo 0 >$T/tracing_on
			grep ' us ' $T/trace | sed "s/^/bench-graph $n /"
		fi
		echo nop >$T/current_tracer
	else
		echo "# bench: no function_graph tracer in this kernel (bench.config): map/unmap not timed"
	fi
	dmesg | sed -n 's/^\[ *\([0-9.]*\)\] bench: /bench-ts \1 /p'
	return $rc
}
