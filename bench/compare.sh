#!/usr/bin/env bash
# bench/compare.sh [build|boot|report|all] - three kernels side by side on the
# same platform and the same boot sequence (bench/compare.py prints the table):
#   lts612  6.12 + the LTS series      build/6.12-lts/gate/out-builtin      (track 6.12-lts)
#   ml73    unpatched mainline 7.3     build/7.3-mainline/base/out-builtin  (track 7.3-mainline)
#   ser73   7.3 + the mainline series  build/7.3-mainline/gate/out-builtin  (track 7.3-mainline)
# Those three are the test command's kernels: read only here, never rebuilt
# (a gate tree mid-gate, i.e. HEAD not on its branch, or a make running in
# the folder, is waited for; kernels.txt keeps each Image's mtime).
#
# Every boot: mode noqhee+rsc=table (every remote gets its resource table
# from TrustZone, on both tracks), scenario "shell" driven through the console
# (PAS_INTERACTIVE=1 platform/run.sh, stdin from a FIFO): once the shell is
# up, a non-interactive sh reads the script below from the tty, which sources
# the "bench" scenario (platform/initramfs/scenarios/bench.sh) unchanged, sets
# its function list (BENCH_FUNCS: the union of both series' and mainline's
# helpers, names a kernel lacks are skipped by ftrace) and runs it, with
# /proc/meminfo before the first start, after the K cycles of every remote,
# and after K more (untimed) cycles of every remote (the growth per cycle).
#   - the kernel under test: K start/stop cycles per remote (latency, the
#     double's map of each running remote, memory)
#   - its bench-only twin (the same commit + kernel/configs/bench.config,
#     built in build/<track>/bench-<kernel>/{linux,out-bench}, a shared clone
#     of the kernel's tree at the kernel's commit): K more traced cycles per
#     remote, function_graph on BENCH_FUNCS (time in iommu_map/iommu_unmap and
#     the helpers per start/stop)
# Rounds: PAS_CMP_ROUNDS (default 3) x (the three kernels in turn), so a
# change of the host's load hits all three alike; then one profiled boot each.
# Raw results: build/bench-compare/ (<kernel>-<n>.log, prof-<kernel>.log,
# kernels.txt, load.txt); the table: build/bench-compare/report.txt.
# Environment: PAS_BENCH_K (cycles per remote per boot, default 7),
# PAS_CMP_ROUNDS (default 3), PAS_CMP_SKIP_PROF=1 (no bench-only kernels),
# PAS_CMP_WAIT (s to wait for a kernel being rebuilt, default 1800),
# PAS_CMP_NICE (nice of the measuring QEMU, default 0; builds run at nice 10),
# PAS_CMP_FUNCS_EXTRA (more functions to trace, to dig into a difference,
# e.g. with `one ser73 prof`; every traced call adds its own overhead).
. "$(dirname "$0")/../scripts/lib.sh"

what=${1:-all}
R=$ROOT/build/bench-compare
K=${PAS_BENCH_K:-7}
ROUNDS=${PAS_CMP_ROUNDS:-3}
WAIT=${PAS_CMP_WAIT:-1800}
QNICE=${PAS_CMP_NICE:-0}
B=$ROOT/build
# id track tree kout ref (the branch or tag the tree must be on)
KERNELS="lts612 6.12-lts $B/6.12-lts/gate/linux $B/6.12-lts/gate/out-builtin gate
ml73 7.3-mainline $B/7.3-mainline/base/linux $B/7.3-mainline/base/out-builtin base
ser73 7.3-mainline $B/7.3-mainline/gate/linux $B/7.3-mainline/gate/out-builtin gate"
MODE=noqhee+rsc=table
# the function_graph filter: the map/unmap work and what surrounds it, in
# every kernel (static helpers the compiler inlined are not traceable)
FUNCS="iommu_map iommu_unmap
qcom_pas_map_carveout qcom_pas_unmap_carveout qcom_pas_map_carveouts qcom_pas_unmap_carveouts
qcom_pas_map_devmem qcom_pas_unmap_devmem qcom_devmem_map qcom_devmem_unmap qcom_map_carveout
qcom_map_devmem qcom_unmap_carveout qcom_unmap_devmem rproc_handle_devmem rproc_handle_resources
qcom_pas_get_devmem qcom_devmem_parse_rsc_table qcom_rproc_validate_rsc_table qcom_pas_parse_firmware
qcom_scm_pas_get_rsc_table __qcom_scm_pas_get_rsc_table __qcom_scm_pas_get_rsc_table2
__qcom_scm_is_call_available qcom_scm_pas_init_image qcom_scm_pas_mem_setup
qcom_scm_pas_auth_and_reset qcom_scm_pas_shutdown qcom_scm_pas_prepare_and_auth_reset
qcom_tzmem_shm_bridge_create qcom_tzmem_shm_bridge_delete qcom_mdt_load qcom_mdt_pas_init
rproc_boot rproc_shutdown rproc_fw_boot qcom_pas_start qcom_pas_stop qcom_pas_load qcom_pas_unprepare
request_firmware release_firmware rproc_enable_iommu rproc_disable_iommu iommu_domain_alloc
iommu_paging_domain_alloc_flags iommu_attach_device iommu_detach_device iommu_domain_free
qcom_pas_get_rsc_table qcom_pas_init_image qcom_pas_mem_setup qcom_pas_auth_and_reset
qcom_pas_prepare_and_auth_reset qcom_pas_shutdown __qcom_scm_pas_init_image __qcom_scm_pas_init_image2
__qcom_scm_pas_mem_setup __qcom_scm_pas_auth_and_reset __qcom_scm_pas_prepare_and_auth_reset
__qcom_scm_pas_shutdown qcom_rproc_devmem_rsc_table rproc_elf_load_rsc_table rproc_resource_cleanup
qcom_rsc_check_devmem qcom_rsc_reserved_memory region_intersects ${PAS_CMP_FUNCS_EXTRA:-}"
mkdir -p "$R"
now() { date +%s.%N; }
load() { echo "load $1 $(cut -d' ' -f1-3 /proc/loadavg) $(nproc)" >>"$R/load.txt"; }

# ready TREE KOUT REF: wait until the test command is not rebuilding KOUT
ready() {
	local t=0
	[ -d "$1/.git" ] || die "compare: no $1: make test builds the three kernels (gates and base) first"
	while :; do
		local head ok=1
		head=$(git -C "$1" rev-parse HEAD 2>/dev/null || echo none)
		[ "$head" = "$(git -C "$1" rev-parse "$3" 2>/dev/null)" ] || ok=0
		[ -f "$2/arch/arm64/boot/Image" ] || ok=0
		# a make in that folder (kbuild.sh passes O=KOUT)
		pgrep -f "O=$2( |$)" >/dev/null 2>&1 && ok=0
		# (no check of sources newer than the Image: the gate's dtbs-check
		# checks out base and back without a build, so mtimes say nothing)
		[ $ok = 1 ] && return 0
		[ $t -ge "$WAIT" ] && die "compare: $2 not ready after ${WAIT}s (tree $1 at $head, not $3, or a make running)"
		[ $t = 0 ] && say "compare: $2 is being rebuilt or its tree is not on $3: waiting"
		sleep 20
		t=$((t + 20))
	done
}

# The bench-only twin of a kernel: a shared clone of its tree at its commit,
# beside it (same <dir>/linux + <dir>/out-* geometry, so ccache hits).
build_prof() { # build_prof ID TRACK TREE REF
	local id=$1 track=$2 tree=$3 ref=$4 sha d
	sha=$(git -C "$tree" rev-parse "$ref")
	d=$B/$track/bench-$id
	[ -d "$d/linux/.git" ] || git clone -q --shared --no-checkout "$tree" "$d/linux"
	if [ "$(git -C "$d/linux" rev-parse HEAD 2>/dev/null)" != "$sha" ] || [ ! -f "$d/linux/Makefile" ]; then
		git -C "$d/linux" fetch -q "$tree" "$sha" 2>/dev/null || true
		git -C "$d/linux" checkout -q --force "$sha"
	fi
	# one make at a time in a folder (a run cut short may have left one)
	while pgrep -f "O=$d/out-bench( |$)" >/dev/null 2>&1; do sleep 10; done
	say "compare: bench-only kernel $d/out-bench ($id at ${sha:0:12})"
	PAS_TRACK=$track PAS_EXTRA_CONFIG=$ROOT/kernel/configs/bench.config nice -n 10 \
		bash "$ROOT/scripts/kbuild.sh" "$d/linux" builtin "$d/out-bench" Image >"$R/build-$id.log" 2>&1 ||
		die "compare: building $d/out-bench failed ($R/build-$id.log)"
	echo "$id prof $d/out-bench $sha" >>"$R/kernels.txt.new"
}

# What the guest runs, read from the console by a non-interactive sh (no line
# editing, tty echo off). Lines the host parses start with "cmp-" or
# "bench-" (the scenario's), at column 0.
guest_script() {
	cat <<-EOF
		. /lib/pas/lib.sh
		. /lib/pas/scenarios/bench.sh
		BENCH_FUNCS="$(echo $FUNCS)"
		mem() { sync; echo 3 >/proc/sys/vm/drop_caches; usleep 200000; while read -r k v u; do echo "cmp-mem \$1 \${k%:} \$v"; done </proc/meminfo; }
		echo "cmp-uname \$(uname -r) \$(cat /proc/cmdline | tr ' ' '\n' | grep -c .) args"
		echo "cmp-ftrace \$(grep -cw function_graph /sys/kernel/debug/tracing/available_tracers 2>/dev/null)"
		mem before
		scenario_main
		echo "cmp-rc \$?"
		mem after
		# K more cycles per remote (tags leak<i>: not timed): the growth from
		# "after" to "after2" is what each further cycle keeps (a leak)
		for n in \$(rproc_names); do i=0; while [ \$i -lt $K ]; do bench_cycle \$n \$(rproc_dir \$n) leak\$i >/dev/null || echo "cmp-leakcycle-failed \$n"; i=\$((i + 1)); done; done
		echo "cmp-leakcycles \$(rproc_names | wc -l) x $K"
		mem after2
		exit 0
	EOF
}

# drive TRACK KOUT NAME: one boot, the guest's console in $R/NAME.log
drive() {
	local track=$1 kout=$2 name=$3 fifo=$R/.in-$3 pid t=0 rc=0 t0
	rm -f "$fifo"
	mkfifo "$fifo"
	exec 8<>"$fifo"
	t0=$(now)
	# the run's own 'run:' lines and QEMU's errors in NAME.run
	PAS_TRACK=$track PAS_INTERACTIVE=1 PAS_RUN_NAME=cmp-$name \
		timeout -k 5 "${PAS_TIMEOUT:-600}" nice -n "$QNICE" \
		bash "$ROOT/platform/run.sh" "$kout" "$MODE" shell printk.devkmsg=on "pas.bench_k=$K" \
		<"$fifo" >"$R/$name.raw" 2>"$R/$name.run" 3<&- 8>&- &
	pid=$!
	# the shell's banner (busybox ash), then its prompt and terminal query
	while ! grep -aq "^Enter 'help' for a list of built-in commands" "$R/$name.raw" 2>/dev/null; do
		kill -0 $pid 2>/dev/null || break
		t=$((t + 1))
		[ $t -gt 1800 ] && break	# 180 s
		sleep 0.1
	done
	if kill -0 $pid 2>/dev/null && [ $t -le 1800 ]; then
		sleep 1
		printf 'stty -echo; exec sh /proc/self/fd/0\n' >&8
		sleep 1
		guest_script >&8
	fi
	wait $pid || rc=$?
	exec 8>&-
	rm -f "$fifo"
	tr -d '\r' <"$R/$name.raw" >"$R/$name.log"
	rm -f "$R/$name.raw"
	echo "boot $name $(awk "BEGIN { printf \"%.1f\", $(now) - $t0 }") rc $rc" >>"$R/boots.txt"
	grep -q '^cmp-rc 0$' "$R/$name.log" || { say "compare: boot $name did not complete (rc $rc; $R/$name.log, $R/$name.run)"; return 1; }
}

# one ID [prof]: a single boot of one kernel (or of its bench-only twin), to try
if [ "$what" = one ]; then
	row=$(grep "^$2 " <<<"$KERNELS") || die "compare: no kernel '$2'"
	set -- $row "${3:-}"
	kout=$4
	[ "$6" = prof ] && kout=$B/$2/bench-$1/out-bench
	drive "$2" "$kout" "one-$1${6:+-$6}"
	exit
fi

if [ "$what" = all ] || [ "$what" = build ]; then
	rm -f "$R/kernels.txt.new"
	if [ "${PAS_CMP_SKIP_PROF:-0}" != 1 ]; then
		while read -r -u 3 id track tree kout ref; do
			build_prof "$id" "$track" "$tree" "$ref"
		done 3<<<"$KERNELS"
		grep ' prof ' "$R/kernels.txt.new" >"$R/prof.txt"
	fi
	rm -f "$R/kernels.txt.new"
fi

if [ "$what" = all ] || [ "$what" = boot ]; then
	rm -f "$R"/lts612-*.log "$R"/ml73-*.log "$R"/ser73-*.log "$R"/prof-*.log "$R"/*.run "$R/boots.txt" "$R/load.txt"
	: >"$R/kernels.txt"
	while read -r -u 3 id track tree kout ref; do
		ready "$tree" "$kout" "$ref"
		echo "$id test $kout $(git -C "$tree" rev-parse "$ref") $(stat -c %Y "$kout/arch/arm64/boot/Image") $track" >>"$R/kernels.txt"
	done 3<<<"$KERNELS"
	# the bench-only twins' commits (written by the build step)
	[ "${PAS_CMP_SKIP_PROF:-0}" = 1 ] || cat "$R/prof.txt" >>"$R/kernels.txt" 2>/dev/null || true
	for n in $(seq 1 "$ROUNDS"); do
		while read -r -u 3 id track tree kout ref; do
			ready "$tree" "$kout" "$ref"
			say "compare: round $n/$ROUNDS: $id ($kout) $MODE, $K cycles per remote"
			load "$id-$n"
			drive "$track" "$kout" "$id-$n" || die "compare: the $id boot failed"
		done 3<<<"$KERNELS"
	done
	if [ "${PAS_CMP_SKIP_PROF:-0}" != 1 ]; then
		while read -r -u 3 id track tree kout ref; do
			pk=$B/$track/bench-$id/out-bench
			[ -f "$pk/arch/arm64/boot/Image" ] || die "compare: no bench-only kernel $pk (bench/compare.sh build)"
			say "compare: profiled boot: $id ($pk)"
			load "prof-$id"
			drive "$track" "$pk" "prof-$id" || die "compare: the profiled $id boot failed"
		done 3<<<"$KERNELS"
	fi
fi

if [ "$what" = all ] || [ "$what" = report ]; then
	tb python3 "$ROOT/bench/compare.py" "$R" "$ROOT/platform/ABI.md" \
		"$B/6.12-lts/gate/linux/arch/arm64/boot/dts/qcom/sa8775p-el2.dtso" | tee "$R/report.txt"
fi
