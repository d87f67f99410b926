#!/usr/bin/env bash
# bench/run.sh - `make bench`: figures with their targets beside them. A
# benchmark, not a test: it never fails on a time; it fails only when a figure
# could not be measured (build or boot failed, a marker is missing).
#
#  1. Loop: the warm edit->test loop in a throw-away tree of the series
#     (build/bench/linux, branch "bench" = k/series + one commit per edit):
#     change one line of drivers/remoteproc/qcom_common.c and commit it,
#     `make Image` (scripts/kbuild.sh, ccache), the initramfs when it is out of
#     date (platform/initramfs/ensure.sh, as run.sh would), and a boot of the
#     platform (no-QHEE) with the kselftest scenario. Timed per phase.
#     Cold: the last "cold" line of $CACHE/test-runs.log ("date wall cold|warm").
#  2. Start cost: two boots back to back of that series kernel, no-QHEE then
#     QHEE, scenario "bench" (platform/initramfs/scenarios/bench.sh): K
#     start/stop cycles per remote, timed in the guest on the printk clock.
#  3. Mapping: the double's walk (fixture debugfs `map`) of each running
#     remote vs the minimum for its carveout and declared windows; the time in
#     the map/unmap helpers from a bench-only kernel with the function profiler
#     (kernel/configs/bench.config, build/bench/out-bench), boot pairs as in 2.
#  4. The picture: build/bench/iommu-space.svg (and .png with rsvg-convert).
# Environment: PAS_BENCH_K (cycles per boot, default 7), PAS_BENCH_PAIRS
# (no-QHEE/QHEE boot pairs, default 3), PAS_BENCH_LOOPS (warm loops, default 2), PAS_BENCH_SKIP_LOOP=1, PAS_BENCH_SKIP_PROF=1 (skip the bench-only
# kernel: no map/unmap times).
. "$(dirname "$0")/../scripts/lib.sh"
. "$ROOT/platform/machine.sh"

B=$BUILD/bench
R=$B/results
K=${PAS_BENCH_K:-7}
PAIRS=${PAS_BENCH_PAIRS:-3}
LOOPS=${PAS_BENCH_LOOPS:-2}
TREE=$B/linux PROF_TREE=$B/linux-prof
KOUT=$B/out-builtin PROF_KOUT=$B/out-bench
BOOTARGS="printk.devkmsg=on pas.bench_k=$K"
rm -rf "$R"
mkdir -p "$R/maps"
now() { date +%s.%N; }
dt() { awk "BEGIN { printf \"%.2f\", $2 - $1 }"; }

bash "$ROOT/platform/ensure_inputs.sh" >&2

# A throw-away tree at the series tip (fetched from build/linux, whose
# working tree is never touched) on a local branch for the edit commits.
tree() { # tree DIR
	bash "$ROOT/scripts/series.sh" tree "$1" k/series >&2
	git -C "$1" checkout -q -B bench
	git -C "$1" config user.name >/dev/null || git -C "$1" config user.name bench
	git -C "$1" config user.email >/dev/null || git -C "$1" config user.email bench@localhost
}

boot() { # boot KOUT MODE SCENARIO NAME [BOOTARGS]: the guest's output in $R/NAME.log
	local kout=$1 mode=$2 scen=$3 name=$4 rc=0
	shift 4
	PAS_QUIET=1 PAS_RUN_NAME=bench-$name ${NICE:-} bash "$ROOT/platform/run.sh" "$kout" "$mode" "$scen" "$@" \
		2> >(tee "$R/$name.run" >&2) || rc=$?
	tr -d '\r' <"$LOGS/bench-$name.ns.log" >"$R/$name.log"
	return $rc
}

load() { echo "load $1 $(cut -d' ' -f1-3 /proc/loadavg) $(nproc)" >>"$R/load.txt"; }

# --- 1. the loop ---------------------------------------------------------
say "bench: tree $TREE (series tip) and its builtin kernel $KOUT"
tree "$TREE"
bash "$ROOT/scripts/kbuild.sh" "$TREE" builtin "$KOUT" Image >"$B/prep-build.log" 2>&1 ||
	die "bench: building $KOUT failed ($B/prep-build.log)"
bash "$ROOT/platform/initramfs/ensure.sh" "$KOUT" >/dev/null
f=drivers/remoteproc/qcom_common.c
anchor=' \* On failure nothing stays mapped\. Undo with qcom_unmap_carveout()\.'
if [ "${PAS_BENCH_SKIP_LOOP:-0}" != 1 ]; then
	grep -q "^$anchor" "$TREE/$f" || die "bench: the line to edit is gone from $f (update bench/run.sh)"
	for i in $(seq 1 "$LOOPS"); do
		say "bench: warm loop $i/$LOOPS"
		load "loop$i"
		t0=$(now)
		# one line, a comment (no behaviour change), unique per run, committed
		sed -i "s|^\($anchor\).*|\1 (bench $(date +%s%N))|" "$TREE/$f"
		git -C "$TREE" commit -q -m "bench: edit one line" -- "$f"
		t1=$(now)
		bash "$ROOT/scripts/kbuild.sh" "$TREE" builtin "$KOUT" Image >"$B/loop-build.log" 2>&1 ||
			die "bench: incremental build failed ($B/loop-build.log)"
		t2=$(now)
		bash "$ROOT/platform/initramfs/ensure.sh" "$KOUT" >/dev/null 2>"$B/loop-initramfs.log"
		t3=$(now)
		rc=0
		boot "$KOUT" noqhee kselftest loop$i || rc=$?
		t4=$(now)
		ktap=$(grep -a '^# Totals:' "$R/loop$i.log" | tail -1)
		boot_s=$(grep -a 'reboot: Power down' "$R/loop$i.log" | sed 's/^\[ *\([0-9.]*\)\].*/\1/' | tail -1)
		init_s=$(grep -a 'Run /init as init process' "$R/loop$i.log" | sed 's/^\[ *\([0-9.]*\)\].*/\1/' | head -1)
		ksft=$(grep -a 'kselftest: running\|kselftest: remoteproc/.* exit' "$R/loop$i.log" | wc -l)
		cat >>"$R/loop.txt" <<-EOF
			loop $i edit $(dt "$t0" "$t1")
			loop $i image $(dt "$t1" "$t2")
			loop $i initramfs $(dt "$t2" "$t3")
			loop $i boot $(dt "$t3" "$t4")
			loop $i total $(dt "$t0" "$t4")
			loop $i result $rc
			loop $i guest_init ${init_s:-?}
			loop $i guest_off ${boot_s:-?}
			loop $i ktap ${ktap:-none}
		EOF
		# where the make time goes: what was rebuilt
		grep -E '^  (CC|LD|AR|KSYMS|OBJCOPY|MODPOST)' "$B/loop-build.log" | awk '{print $1}' | sort | uniq -c |
			awk -v i="$i" '{ printf "loop %s made %s %s\n", i, $2, $1 }' >>"$R/loop.txt"
		[ "$rc" -eq 0 ] || say "bench: the kselftest boot returned $rc (figure kept, marked)"
	done
	# Causes, measured on the warm tree (nothing changed since the last loop);
	# each twice, the faster kept (the cores are shared).
	best() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (a < b ? a : b) }'; }
	timeit() { local a b t0; t0=$(now); "$@" >/dev/null 2>&1; a=$(dt "$t0" "$(now)")
		t0=$(now); "$@" >/dev/null 2>&1; b=$(dt "$t0" "$(now)"); best "$a" "$b"; }
	echo "cause noop_image $(timeit bash "$ROOT/scripts/kbuild.sh" "$TREE" builtin "$KOUT" Image)" >>"$R/loop.txt"
	# the compile a code edit (ccache miss) would add: the file's own kbuild
	# command, with the compiler itself instead of ccache, to a scratch object
	cmd=$(sed -n 's/^savedcmd_[^ ]* := //p' "$KOUT/drivers/remoteproc/.qcom_common.o.cmd" |
		sed 's|^ccache aarch64-linux-gnu-gcc |/usr/bin/aarch64-linux-gnu-gcc |; s/ -o drivers\/remoteproc\/qcom_common\.o / -o drivers\/remoteproc\/.bench-scratch.o /;
			s/-Wp,-MMD,[^ ]*/-Wp,-MMD,drivers\/remoteproc\/.bench-scratch.d/')
	case $cmd in /usr/bin/aarch64-linux-gnu-gcc*)
		scratch() { (cd "$KOUT" && tb bash -c "$cmd"); }
		echo "cause compile_nocache $(timeit scratch)" >>"$R/loop.txt"
		rm -f "$KOUT"/drivers/remoteproc/.bench-scratch.[od] ;;
	esac
	# the initramfs step: ensure.sh's stamp hashes vmlinux, so every new
	# vmlinux rebuilds pas_fixture.ko (fixtures/build.sh: `make modules` when
	# vmlinux is newer than Module.symvers, then the M= build) and the cpio.
	echo "cause modules_walk $(timeit tb make -s -C "$TREE" O="$KOUT" CC="ccache aarch64-linux-gnu-gcc" modules)" >>"$R/loop.txt"
	echo "cause fixture_m $(timeit tb make -s -C "$TREE" O="$KOUT" M="$KOUT/pas-fixture" CC="ccache aarch64-linux-gnu-gcc" W=1 modules)" >>"$R/loop.txt"
	echo "cause cpio_gzip $(timeit tb sh -c "'$PLAT/gen_init_cpio' '$KOUT/pas-initramfs.cpio.gz.list' | gzip -n -9 >/dev/null")" >>"$R/loop.txt"
	# the selftest's fixed waits: `sleep 1` before automatic recovery, per remote
	n_sleep=$(grep -c '^[[:space:]]*sleep 1$' "$TREE/tools/testing/selftests/remoteproc/remoteproc_test.sh" || true)
	echo "cause selftest_sleep1_per_remote $n_sleep" >>"$R/loop.txt"
fi

# --- 2. start cost: same kernel, no-QHEE and QHEE boots back to back -----
# boot_pairs KOUT TAG: PAIRS x (no-QHEE, QHEE) bench boots, alternating, so
# that a change of the machine's load (2 shared cores) hits both modes alike;
# the measuring QEMU runs at nice -10. Logs: $R/TAG-<mode>-<pair>.log
boot_pairs() {
	local p m
	for p in $(seq 1 "$PAIRS"); do
		for m in noqhee qhee; do
			NICE="nice -n -10" boot "$1" $m bench "$2-$m-$p" $BOOTARGS ||
				die "bench: the $m $2 boot failed ($R/$2-$m-$p.log)"
		done
	done
}

say "bench: start cost, $PAIRS x (no-QHEE, QHEE) boots, $K cycles per remote each"
load start
boot_pairs "$KOUT" start
sed -n 's/^bench-map \([a-z0-9]*\) /\1 /p' "$R/start-noqhee-1.log" | while read -r n rest; do
	echo "$rest" >>"$R/maps/$n.map"
done

# --- 3. map/unmap time: the bench-only kernel ----------------------------
if [ "${PAS_BENCH_SKIP_PROF:-0}" != 1 ]; then
	say "bench: bench-only kernel (function_graph) $PROF_KOUT"
	tree "$PROF_TREE"
	PAS_EXTRA_CONFIG=$ROOT/kernel/configs/bench.config \
		bash "$ROOT/scripts/kbuild.sh" "$PROF_TREE" builtin "$PROF_KOUT" Image >"$B/prof-build.log" 2>&1 ||
		die "bench: building $PROF_KOUT failed ($B/prof-build.log)"
	boot_pairs "$PROF_KOUT" prof
fi

# --- 4. picture and table -------------------------------------------------
dtso=$TREE/$EL2_DTSO
tb python3 "$ROOT/bench/iommu_space.py" svg "$R/maps" "$B/iommu-space.svg" "$ROOT/platform/ABI.md" "$dtso"
if tb sh -c 'command -v rsvg-convert' >/dev/null 2>&1; then
	tb rsvg-convert -o "$B/iommu-space.png" "$B/iommu-space.svg"
fi
cold=$(grep -a ' cold$' "$CACHE/test-runs.log" 2>/dev/null | tail -1 || true)
echo "$cold" >"$R/cold.txt"
tb python3 "$ROOT/bench/report.py" "$R" "$ROOT/platform/ABI.md" "$dtso" | tee "$B/report.txt"
