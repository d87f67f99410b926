# shellcheck shell=bash
# Helpers of the fault suite (tests/faults/*.sh): the kernel under test, the
# per-case DTB, one boot of the platform with that DTB and the fault init,
# KTAP out, figures summed across boots.
#
# The kernel: FAULTS_KOUT (a kernel build dir, O=), default
# build/out/series-debug = build/linux (the series) with config "debug"
# (KASAN, kmemleak, lockdep, DEBUG_OBJECTS, fault injection), built on demand.
#
# The boot (f_boot) is platform/run.sh's, with two differences run.sh has no
# hook for yet (see tests/faults/README.md, "Platform hooks"):
#   - the DTB is the case's (noqhee.dtb + a case overlay), not the mode's;
#   - rdinit=/lib/pas/scenarios/faults.sh: a bad-DT case leaves four
#     remoteprocs, and /init waits for five.
# The machine (QEMU_MACHINE, load addresses) comes from platform/machine.sh,
# so the command line stays the one of ABI.md.
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib.sh"
# One CPU per guest unless the suite needs more (soak.sh: FAULTS_SMP=2, its
# two writers race): baddt's and inject's cases run one after the other, and
# under TCG a debug kernel's extra vCPUs cost host time (a TLB broadcast stops
# every vCPU; a spinning waiter burns a host core while the holder waits for
# one): two baddt boots side by side took 53 s of CPU with four vCPUs each,
# 41 with two, 34 with one. FAULTS_SMP=N for another count (machine.sh's
# PAS_SMP, exported: platform/dts builds the DTB with as many cpu nodes).
export PAS_SMP=${FAULTS_SMP:-1}
. "$ROOT/platform/machine.sh"

FAULTS=$ROOT/tests/faults
FAULTS_KOUT_GIVEN=${FAULTS_KOUT:+1}
FAULTS_KOUT=${FAULTS_KOUT:-$BUILD/out/series-debug}
FAULTS_TIMEOUT=${FAULTS_TIMEOUT:-180}
# Linux's RAM ends just above the last carveout (ABI.md: 0xa2180000) instead
# of at 3 GiB: each kmemleak scan walks all of RAM's page structs, and the
# two scans a boot makes take a third less time. FAULTS_MEM= for all of it.
FAULTS_MEM=${FAULTS_MEM-mem=1664M}
# Runs for different kernels (e.g. `make test`'s gate kernel and a developer's)
# may share this checkout: everything of a run lives under its kernel's tag,
# and two runs for the same kernel take turns (flock, held by the outermost
# script: run_all.sh's children inherit it).
FAULTS_TAG=$(basename "$(dirname "$(realpath -m "$FAULTS_KOUT")")")-$(basename "$FAULTS_KOUT")
FOUT=$BUILD/faults/$FAULTS_TAG
# the case DTBs, per CPU count (machine.sh DTS_OUT: dts or dts-smp<N>)
FDT=$FOUT/dt${DTS_OUT#"$PLAT"/dts}
mkdir -p "$FOUT" "$FDT"
if [ "${FAULTS_LOCK_HELD:-}" != "$FAULTS_TAG" ]; then
	exec 9>"$BUILD/faults/$FAULTS_TAG.lock"
	flock -n 9 || { say "faults: another run for $FAULTS_TAG is on; waiting"; flock 9; }
	export FAULTS_LOCK_HELD=$FAULTS_TAG
fi

# Figures of this run (summed from the guests' "# fact: K=V" lines).
declare -A FIG=([cases]=0 [faults]=0 [cycles]=0 [crashes]=0 [leaks]=0 [warnings]=0 [boots]=0)
T_N=0 T_FAIL=0
t_ok() { T_N=$((T_N + 1)); echo "ok $T_N $*"; }
t_not_ok() { T_N=$((T_N + 1)); T_FAIL=$((T_FAIL + 1)); echo "not ok $T_N $*"; }

# f_kernel: make sure FAULTS_KOUT has an Image (builds build/linux when the
# default is used and the Image is missing or older than the tree's index),
# the initramfs for it, and the no-QHEE DTB of its tree.
f_kernel() {
	local img=$FAULTS_KOUT/arch/arm64/boot/Image
	if [ -z "${FAULTS_KOUT_GIVEN:-}" ] && [ "$FAULTS_KOUT" = "$BUILD/out/series-debug" ]; then
		# .git/index changes with every checkout, am, commit and reset
		if [ ! -f "$img" ] || [ "$img" -ot "$KSRC/.git/index" ]; then
			say "faults: building the debug kernel ($KSRC -> $FAULTS_KOUT)"
			bash "$ROOT/scripts/kbuild.sh" "$KSRC" debug "$FAULTS_KOUT" Image >"$LOGS/faults-kbuild.log" 2>&1 ||
				die "faults: debug kernel build failed ($LOGS/faults-kbuild.log)"
		fi
	fi
	[ -f "$img" ] || die "faults: no kernel Image in $FAULTS_KOUT"
	# (up to date: make does nothing). Under platform/run.sh's inputs lock:
	# another run (a mutant's debug boot, a developer's run.sh) may be
	# rebuilding the fixture module in FAULTS_KOUT.
	flock "$PLAT/.inputs.lock" make -s --no-print-directory -C "$ROOT/platform/firmware" O="$PLAT/firmware" fw tools >&2
	F_INITRD=$(flock "$PLAT/.inputs.lock" bash "$ROOT/platform/initramfs/ensure.sh" "$FAULTS_KOUT")
	# The no-QHEE DTB of the kernel under test: platform/dts/build.sh with the
	# EL2 overlay of the tree FAULTS_KOUT was built from, into build/faults/
	# (build/platform/dts follows build/linux, which may be mid-rebase, and
	# is regenerated under our feet by other runs).
	local src pb=$FOUT/platform-build stamp
	src=$(readlink -f "$FAULTS_KOUT/source" 2>/dev/null || echo "$KSRC")
	F_SRC=$src # the case overlays include this tree's dt-bindings headers
	# (machine.sh's DTB folder: dts, or dts-smp<N> for PAS_SMP=N)
	local dd=$pb/platform/${DTS_OUT##*/}
	stamp=$({ echo "$QEMU_SMP"; cat "$ROOT"/platform/ABI.md "$ROOT"/platform/machine.sh "$ROOT"/platform/dts/* \
		"$src/$EL2_DTSO" 2>/dev/null || true; } | sha256sum | cut -c1-16)
	NOQHEE_DTB=$dd/noqhee.dtb
	# the DTB profile's (mode noqhee+dtb: cdsp0 is the x1e80100-class CDSP with a DTB image)
	NOQHEE_DTBPROF_DTB=$dd/noqhee+dtb.dtb
	if [ "$(cat "$pb/.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$NOQHEE_DTB" ] ||
		[ ! -f "$NOQHEE_DTBPROF_DTB" ]; then
		[ -f "$src/$EL2_DTSO" ] ||
			die "faults: $src has no $EL2_DTSO: not the series?"
		mkdir -p "$pb/platform/firmware"
		cp "$FW_BIN" "$pb/platform/firmware/"
		PAS_BUILD=$pb PAS_SERIES_SRC=$src SERIES_SRC=$src bash "$ROOT/platform/dts/build.sh" >&2
		echo "$stamp" >"$pb/.stamp"
	fi
	grep -q '^series:' "$dd/overlay-source.txt" ||
		die "faults: $NOQHEE_DTB was not made from the series' overlay"
}

# f_dt_field FILE KEY: the value of a "// KEY: value" header line
f_dt_field() { sed -n "s|^// $2: ||p" "$1" | head -1; }

# f_dtb CASE.dtso OUT.dtb [BASE.dtb]: noqhee.dtb (the snapshot; or BASE, e.g.
# the DTB profile's) + the case overlay (+ "// delete:" lines)
f_dtb() {
	local src=$1 out=$2 inc=${F_SRC:-$KSRC}/scripts/dtc/include-prefixes basedtb=${3:-$NOQHEE_DTB}
	local base=${out%.dtb}
	# up to date: newer than the case and the platform DTB
	[ "$out" -nt "$src" ] && [ "$out" -nt "$basedtb" ] && return 0
	local dels
	dels=$(sed -n 's|^// delete: \(.*\)|fdtput -d "$3" \1;|p' "$src")
	# one toolbox entry (each costs a few hundred ms)
	tb bash -euc "cpp -nostdinc -I \"\$1\" -undef -D__DTS__ -x assembler-with-cpp -P \"\$2\" >\"\$4.pp.dtso\"
		dtc -q -@ -I dts -O dtb -o \"\$4.dtbo\" \"\$4.pp.dtso\"
		fdtoverlay -i \"\$5\" -o \"\$3\" \"\$4.dtbo\"
		$dels" f_dtb "$inc" "$src" "$out" "$base" "$basedtb" || { rm -f "$out"; return 1; }
}

# f_boot NAME MODE DTB BOOTARG...: one boot with the fault init. Sets RC
# (guest result; 124 hang, 125 panic, 126 no result), OUT (guest lines), NS
# and SEC (logs: build/logs/faults-<kernel tag>-NAME.*.log), WALL (s).
f_boot() {
	local name=$1 mode=$2 src_dtb=$3
	shift 3
	local rundir=$FOUT/run/$name
	mkdir -p "$rundir"
	local dtb=$rundir/boot.dtb
	cp "$src_dtb" "$dtb"
	NS=$LOGS/faults-$FAULTS_TAG-$name.ns.log SEC=$LOGS/faults-$FAULTS_TAG-$name.secure.log
	local bootargs="console=ttyAMA0 earlycon=pl011,0x9000000 rdinit=/lib/pas/scenarios/faults.sh panic=-1 nokaslr $FAULTS_MEM $*"
	local initrd_end
	initrd_end=$(printf '%#x' $((INITRD_ADDR + $(stat -c %s "$F_INITRD"))))
	tb bash -euc 'fdtput -t s "$1" /chosen bootargs "$2"
		fdtput -t x "$1" /chosen linux,initrd-start "$3"
		fdtput -t x "$1" /chosen linux,initrd-end "$4"' fdt "$dtb" "$bootargs" "$INITRD_ADDR" "$initrd_end"
	rm -f "$NS" "$SEC"
	local t0 qrc=0 result
	t0=$(date +%s.%N)
	tb timeout --foreground -k 5 "$FAULTS_TIMEOUT" qemu-system-aarch64 "${QEMU_MACHINE[@]}" \
		-bios "$FW_BIN" \
		-device loader,file="$FAULTS_KOUT/arch/arm64/boot/Image",addr=$KERNEL_ADDR,force-raw=on \
		-device loader,file="$dtb",addr=$DTB_ADDR,force-raw=on \
		-device loader,file="$F_INITRD",addr=$INITRD_ADDR,force-raw=on \
		-device loader,addr=$MODE_ADDR,data="$(mode_value "$mode")",data-len=4 \
		-device loader,addr=$RSC_ADDR,data="$(rsc_value "$mode")",data-len=4 \
		-serial file:"$NS" -serial file:"$SEC" </dev/null >/dev/null || qrc=$?
	WALL=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $t0 }")
	FIG[boots]=$((FIG[boots] + 1))
	OUT=$(grep -av '^\[ *[0-9]*\.[0-9]*\]' "$NS" | tr -d '\r' || true)
	result=$(guest_result "$NS")
	RC=${result:-126}
	if grep -aq 'Kernel panic' "$NS"; then
		RC=125
	elif [ "$qrc" -eq 124 ] || [ "$qrc" -eq 137 ]; then
		RC=124
	elif [ "$qrc" -ne 0 ]; then
		RC=126
	fi
	# figures
	local k v
	while IFS='=' read -r k v; do
		[ -n "$k" ] && FIG[$k]=$((${FIG[$k]:-0} + v))
	done < <(sed -n 's/^# fact: \([a-z]*\)=\([0-9]*\)$/\1=\2/p' <<<"$OUT")
	# whatever the guest saw, the console may hold more (e.g. at probe, before
	# the first case began): the authoritative count
	# Reports before userspace started are the kernel's boot (no test did
	# anything yet): counted apart, F_EARLY_WARN, so that a base-kernel bug
	# is one clear line, not a failure of every case.
	local total split
	total=$(grep -acE "$F_WARN_RE" "$NS" || true)
	split=$(grep -an -m1 'Run /' "$NS" | cut -d: -f1 || true)
	F_EARLY_WARN=0 F_EARLY_FIRST=
	if [ -n "$split" ]; then
		F_EARLY_WARN=$(head -n "$split" "$NS" | grep -acE "$F_WARN_RE" || true)
		F_EARLY_FIRST=$(head -n "$split" "$NS" | grep -aE -m1 "$F_WARN_RE" | tr -d '\r' | cut -c1-160 || true)
	fi
	F_CONSOLE_WARN=$((total - F_EARLY_WARN))
	F_CONSOLE_FIRST=$(tail -n +"$(( ${split:-0} + 1 ))" "$NS" | grep -aE -m1 "$F_WARN_RE" | tr -d '\r' | cut -c1-160 || true)
	FIG[warnings]=$((FIG[warnings] + total))
}

# f_boot_bg NAME MODE DTB BOOTARG...: f_boot in the background (the boots of
# one script side by side: one boot's timeouts and leak ageing leave the
# cores to the other); f_boot_join NAME waits for it and sets what f_boot
# sets, its figures added to FIG.
f_boot_bg() {
	local st=$FOUT/run/$1.state
	mkdir -p "$FOUT/run"
	rm -f "$st"
	(
		for k in "${!FIG[@]}"; do FIG[$k]=0; done
		f_boot "$@"
		# -g: sourced again inside f_boot_join
		declare -p RC OUT NS SEC WALL F_CONSOLE_WARN F_CONSOLE_FIRST F_EARLY_WARN F_EARLY_FIRST FIG |
			sed 's/^declare /declare -g /' >"$st.tmp"
		mv "$st.tmp" "$st"
	) &
	F_BG[$1]=$!
}
declare -A F_BG
f_boot_join() {
	local k sum
	wait "${F_BG[$1]}" || true
	[ -f "$FOUT/run/$1.state" ] || die "faults: boot $1 left no state"
	declare -A sum
	for k in "${!FIG[@]}"; do sum[$k]=${FIG[$k]}; done
	# shellcheck disable=SC1090
	. "$FOUT/run/$1.state"
	for k in "${!FIG[@]}"; do FIG[$k]=$((FIG[$k] + ${sum[$k]:-0})); done
	for k in "${!sum[@]}"; do [ -n "${FIG[$k]+x}" ] || FIG[$k]=${sum[$k]}; done
}

# f_boot_line NAME EARLY FIRST: the KTAP line for boot-time reports
f_boot_line() {
	if [ "$2" = 0 ]; then
		t_ok "$1/boot # no kernel report before userspace"
	else
		t_not_ok "$1/boot # $2 kernel reports while the kernel booted (before any test; lockdep is off after the first): $3"
	fi
}

# The kernel's own reports (platform/machine.sh)
F_WARN_RE=$PAS_WARN_RE

# f_console NAME: a KTAP line for the boot's console (no kernel report)
f_console() {
	f_boot_line "$1" "$F_EARLY_WARN" "$F_EARLY_FIRST"
	if [ "$F_CONSOLE_WARN" = 0 ]; then
		t_ok "$1/console # no WARNING/BUG/KASAN/lockdep/ODEBUG/kmemleak report in the boot"
	else
		t_not_ok "$1/console # $F_CONSOLE_WARN kernel reports, first: $F_CONSOLE_FIRST (log $NS)"
	fi
}

# f_why: a one-line reason for a boot that did not report
f_why() {
	case $RC in
	124) echo "HANG: no power-off within ${FAULTS_TIMEOUT}s; last: $(tail -n1 "$NS" | tr -d '\r' | cut -c1-120)" ;;
	125) echo "KERNEL PANIC: $(grep -a -m1 -B2 'Kernel panic' "$NS" | tr -d '\r' | head -1 | cut -c1-160)" ;;
	126) echo "no result from the guest; last: $(tail -n1 "$NS" | tr -d '\r' | cut -c1-120)" ;;
	*) echo "guest exit $RC" ;;
	esac
}

# f_guest_ktap PREFIX: re-number the guest's KTAP lines into ours
f_guest_ktap() {
	local line
	while IFS= read -r line; do
		case $line in
		"ok "*) t_ok "$1/$(sed 's/^ok [0-9]* //' <<<"$line")" ;;
		"not ok "*) t_not_ok "$1/$(sed 's/^not ok [0-9]* //' <<<"$line")" ;;
		esac
	done < <(grep -E '^(not )?ok [0-9]+ ' <<<"$OUT")
}

f_summary() {
	echo "# faults: cases=$T_N passed=$((T_N - T_FAIL)) failed=$T_FAIL faults_injected=${FIG[faults]}" \
		"cycles=${FIG[cycles]} crash_recoveries=${FIG[crashes]} leaks=${FIG[leaks]}" \
		"warnings=${FIG[warnings]} boots=${FIG[boots]}"
}
