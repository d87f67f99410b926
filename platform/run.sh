#!/usr/bin/env bash
# platform/run.sh KERNEL MODE SCENARIO [BOOTARG...]
# Boot the virtual SA8775p (ABI.md's QEMU command line) once and return the
# guest's result.
#   KERNEL    a kernel build dir (O=, with arch/arm64/boot/Image), or a name:
#             base | series | test  ->  build/out/<name>-builtin
#   MODE      qhee | noqhee, optionally +nobridge, +dtb, +spread, +rsc=SPEC (machine.sh
#             mode_value: the u32 the double reads at 0x4ffff000)
#   SCENARIO  demo | ab | irq | kselftest | noprobe | shell  (platform/initramfs/scenarios)
#   BOOTARG   extra kernel arguments, e.g. pas.expect=refused
# Environment: PAS_TIMEOUT (s, default 120), PAS_RUN_NAME (log name),
#   PAS_FW_BIN (another build of the double), PAS_SMP (CPUs, default 4),
#   PAS_SERIES_SRC (tree of the EL2 overlay, see below),
#   PAS_QUIET=1 (do not print the guest's output), PAS_INTERACTIVE=1 (console
#   on the terminal, e.g. with SCENARIO shell), PAS_WARN_FAILS=1 (a kernel
#   report fails a passing run: machine.sh PAS_WARN_RE, e.g. WARNING, BUG, KASAN, lockdep).
# Logs: build/logs/<name>.ns.log (Linux console) and <name>.secure.log (double).
# Exit: the guest's result (0 pass), 124 hang/timeout, 125 kernel panic, oops,
# BUG, unexpected reset or a CPU the double parked (`pasdouble: UNEXPECTED`),
# 126 the guest never reported a result.
. "$(dirname "$0")/../scripts/lib.sh"
. "$ROOT/platform/machine.sh"

[ $# -ge 3 ] || die "usage: platform/run.sh KERNEL qhee|noqhee[+nobridge][+dtb] SCENARIO [BOOTARG...]"
kernel=$1 mode=$2 scenario=$3
shift 3
kout=$(kernel_dir "$kernel")
# The no-QHEE overlay comes from the series: the tree of the kernel under
# test when it has one, else PAS_SERIES_SRC / build/linux (e.g. for base).
if [ -z "${PAS_SERIES_SRC:-}" ] && [ -f "$(kout_src "$kout")/$EL2_DTSO" ]; then
	export PAS_SERIES_SRC
	PAS_SERIES_SRC=$(kout_src "$kout")
fi
# PAS_IMAGE: boot this Image instead of KERNEL's own (the mutation suite boots
# a copy while it builds the next mutant in KERNEL's tree); the initramfs
# still comes from KERNEL
image=${PAS_IMAGE:-$kout/arch/arm64/boot/Image}

[ -f "$image" ] || die "no kernel Image in $kout (build it first)"
[ -f "$FW_BIN" ] || die "no EL3 double at $FW_BIN (make -C platform/firmware)"
modeval=$(mode_value "$mode")
rscval=$(rsc_value "$mode")	# the rsc word (+rsc=SPEC; 0 without)
# the base mode's DTB, or its DTB-profile variant for +dtb (platform/dts)
dtbname=$(mode_dtb "$mode")
[ -f "$ROOT/platform/initramfs/scenarios/$scenario.sh" ] || die "unknown scenario '$scenario'"
timeout_s=${PAS_TIMEOUT:-120}
name=${PAS_RUN_NAME:-$(basename "$kout")-$mode-$scenario}
ns_log=$LOGS/$name.ns.log sec_log=$LOGS/$name.secure.log

# Inputs are rebuilt only when missing or out of date; runs may be
# concurrent, so rebuild-and-copy happens under a lock.
# (QEMU splits -device options at commas: none in the run's input paths)
rundir=$PLAT/run/${name//,/_}
mkdir -p "$rundir"
dtb=$rundir/${mode//,/_}.dtb
initrd=$rundir/initramfs.cpio.gz
exec 9>"$PLAT/.inputs.lock"
flock 9
bash "$ROOT/platform/dts/ensure.sh" >&2
[ -f "$DTS_OUT/$dtbname.dtb" ] || { flock -u 9; die "mode $mode needs $DTS_OUT/$dtbname.dtb, which platform/dts did not generate"; }
cp "$DTS_OUT/$dtbname.dtb" "$dtb"
cp "$(bash "$ROOT/platform/initramfs/ensure.sh" "$kout")" "$initrd"
flock -u 9

# The run's DTB: the mode's DTB with this run's bootargs and initrd range.
bootargs="console=ttyAMA0 earlycon=pl011,0x9000000 rdinit=/init panic=-1 pas.scenario=$scenario $*"
initrd_end=$(printf '%#x' $((INITRD_ADDR + $(stat -c %s "$initrd"))))
tb fdtput -t s "$dtb" /chosen bootargs "$bootargs"
tb fdtput -t x "$dtb" /chosen linux,initrd-start "$INITRD_ADDR"
tb fdtput -t x "$dtb" /chosen linux,initrd-end "$initrd_end"

# PAS_INTERACTIVE=1: the Linux console on this terminal (e.g. scenario shell),
# no timeout, no result parsing. Ctrl-a x quits QEMU.
if [ "${PAS_INTERACTIVE:-0}" = 1 ]; then
	exec 9>&-
	tb qemu-system-aarch64 "${QEMU_MACHINE[@]}" -bios "$FW_BIN" \
		-device loader,file="$image",addr=$KERNEL_ADDR,force-raw=on \
		-device loader,file="$dtb",addr=$DTB_ADDR,force-raw=on \
		-device loader,file="$initrd",addr=$INITRD_ADDR,force-raw=on \
		-device loader,addr=$MODE_ADDR,data="$modeval",data-len=4 \
		-device loader,addr=$RSC_ADDR,data="$rscval",data-len=4 \
		-serial mon:stdio -serial file:"$sec_log"
	exit
fi

say "run: $(basename "$kout") $mode $scenario ($*) timeout ${timeout_s}s"
rm -f "$ns_log" "$sec_log"
t0=$(date +%s.%N)
set +e
# -nographic puts QEMU's monitor on stdio: it (and QEMU's own errors) go to a third log
tb timeout --foreground -k 5 "$timeout_s" qemu-system-aarch64 "${QEMU_MACHINE[@]}" \
	-bios "$FW_BIN" \
	-device loader,file="$image",addr=$KERNEL_ADDR,force-raw=on \
	-device loader,file="$dtb",addr=$DTB_ADDR,force-raw=on \
	-device loader,file="$initrd",addr=$INITRD_ADDR,force-raw=on \
	-device loader,addr=$MODE_ADDR,data="$modeval",data-len=4 \
	-device loader,addr=$RSC_ADDR,data="$rscval",data-len=4 \
	-serial file:"$ns_log" -serial file:"$sec_log" </dev/null >"$LOGS/$name.qemu.log" 2>&1
qrc=$?
set -e
touch "$ns_log" "$sec_log"	# QEMU may not have started at all
wall=$(awk "BEGIN { printf \"%.1f\", $(date +%s.%N) - $t0 }")

# The guest's own lines (no printk timestamp): KTAP and scenario output.
[ "${PAS_QUIET:-0}" = 1 ] || grep -av '^\[ *[0-9]*\.[0-9]*\]' "$ns_log" | tr -d '\r' || true

result=$(guest_result "$ns_log")
rc=$result
# A kernel warning is reported; an oops, a BUG or a panic fails the run.
grep -a -A2 -E '\] WARNING: ' "$ns_log" | head -12 | sed 's/^/run: kernel warning: /' >&2 || true
if grep -aqE 'Kernel panic|Internal error: Oops|\] BUG: ' "$ns_log"; then
	echo "run: KERNEL PANIC/OOPS/BUG:" >&2
	grep -a -A3 -E 'Kernel panic|Internal error: Oops|\] BUG: ' "$ns_log" | head -12 >&2
	rc=125
elif grep -aq 'pasdouble: UNEXPECTED' "$sec_log"; then
	# an exception the double did not expect (EL3, or a trap to its EL2): a CPU parked
	echo "run: the double parked a CPU:" >&2
	grep -a -A1 'pasdouble: UNEXPECTED' "$sec_log" | head -4 >&2
	rc=125
elif [ "$qrc" -eq 124 ] || [ "$qrc" -eq 137 ]; then
	echo "run: HANG: no power-off within ${timeout_s}s; last console lines:" >&2
	{ tail -n 5 "$ns_log"; echo; echo "run: last lines of the double:"; tail -n 3 "$sec_log"; } >&2
	rc=124
elif [ -z "$result" ] && grep -aq 'SYSTEM_RESET' "$sec_log"; then
	echo "run: the guest reset without reporting a result; last console lines:" >&2
	tail -n 5 "$ns_log" >&2
	rc=125
elif [ -z "$result" ]; then
	echo "run: the guest powered off (qemu rc $qrc) without reporting a result" >&2
	tail -n 5 "$ns_log" "$LOGS/$name.qemu.log" >&2
	rc=126
elif [ "$qrc" -ne 0 ]; then
	echo "run: qemu exited with $qrc" >&2
	rc=126
elif [ "${PAS_WARN_FAILS:-0}" = 1 ] && [ "$rc" -eq 0 ] && grep -aqE "$PAS_WARN_RE" "$ns_log"; then
	echo "run: the guest passed, but the kernel reported: $(grep -aE -m1 "$PAS_WARN_RE" "$ns_log" | tr -d '\r' | cut -c1-160) (PAS_WARN_FAILS=1)" >&2
	rc=125
fi
say "run: result $rc in ${wall}s; logs: $ns_log (Linux) $sec_log (double)"
exit "$rc"
