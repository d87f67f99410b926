# shellcheck shell=bash
# The QEMU machine of platform/ABI.md, in one place: the DTB dump and every run
# must use exactly the same options (see qemu-virt-el3.md, pitfall 1).
# Source after scripts/lib.sh.

PLAT=$BUILD/platform
mkdir -p "$PLAT"	# (its lock file lives there before anything is built)
# PAS_FW_BIN: another build of the double (e.g. a developer's O= folder)
FW_BIN=${PAS_FW_BIN:-$PLAT/firmware/pasdouble.bin}
MKMDT=$PLAT/firmware/mkmdt
# The kernel's own reports on a console (run.sh PAS_WARN_FAILS, the fault
# suite; the guest's scenarios/faults.sh keeps a copy). kmemleak's findings
# are counted by the guest, which knows the one base-kernel leak it does not
# count (f_kmemleak).
PAS_WARN_RE='WARNING:|BUG:|KASAN|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU|ODEBUG|Oops|Unable to handle|INFO: task .* blocked|DEBUG_LOCKS_WARN|list_add corruption|list_del corruption|refcount_t:|UBSAN'
# Four CPUs (ABI.md "Machine"): secondaries park in the double until PSCI
# CPU_ON. PAS_SMP overrides the count (e.g. 1 to compare boot times); the
# DTB (dumped from QEMU: one cpu node per CPU) then has its own folder.
QEMU_SMP=${PAS_SMP:-4}
DTS_OUT=$PLAT/dts
[ "$QEMU_SMP" = 4 ] || DTS_OUT=$PLAT/dts-smp$QEMU_SMP
INITRAMFS=$PLAT/initramfs.cpio.gz

# Load addresses (ABI.md "Machine").
KERNEL_ADDR=0x40200000
DTB_ADDR=0x48000000
INITRD_ADDR=0x48100000
MODE_ADDR=0x4ffff000
RSC_ADDR=0x4ffff004	# the rsc word (rsc_value), right after the mode word

QEMU_MACHINE=(
	-machine virt,secure=on,virtualization=on,iommu=smmuv3,gic-version=3
	-cpu max,pauth-impdef=on -smp "$QEMU_SMP" -m 3072 -nographic -nic none -no-reboot
)

# Mode names (ABI.md "Machine"): qhee | noqhee, optionally suffixed, in any
# order, by +nobridge (bit 8, TrustZone without SHM bridges), +dtb (bit 9,
# the DTB profile), +spread (bit 10, the fault suite's devmem-spread.dtso),
# +el2dt (no bit: the no-QHEE DTB, i.e. the EL2 overlay, in QHEE mode)
# and +rsc=SPEC (the rsc word, rsc_value), e.g. noqhee+dtb, qhee+nobridge+dtb,
# noqhee+rsc=table,adsp:size.
# mode_value NAME -> the u32 the double reads at MODE_ADDR
mode_value() {
	local base=${1%%+*} rest v s seen=
	case $base in
	qhee) v=0 ;;
	noqhee) v=1 ;;
	*) die "unknown mode '$1' (qhee or noqhee, optionally +nobridge, +dtb, +spread, +rsc=SPEC)" ;;
	esac
	rest=${1#"$base"}
	while [ -n "$rest" ]; do
		rest=${rest#+}
		s=${rest%%+*}
		rest=${rest#"$s"}
		[ -n "$s" ] || die "mode '$1': empty suffix"
		case "+$seen+" in *"+${s%%=*}+"*) die "mode '$1': +${s%%=*} twice" ;; esac
		seen=$seen+${s%%=*}
		case $s in
		nobridge) v=$((v | 0x100)) ;;
		dtb) v=$((v | 0x200)) ;;
		spread) v=$((v | 0x400)) ;;	# for tests/faults/devmem-spread.dtso only
		el2dt) ;;	# the host's choice of DTB only (mode_dtb)
		rsc=*) rsc_value "$1" >/dev/null ;;	# the second word; checked here
		*) die "mode '$1': unknown suffix '+$s' (+nobridge, +dtb, +spread, +el2dt, +rsc=SPEC)" ;;
		esac
	done
	echo "$v"
}

# PAS_GET_RSCTABLE per remote (ABI.md "Resource table"): +rsc=SPEC, SPEC =
# MODE for every remote, or [MODE,]REMOTE:MODE,... (the default, then
# overrides), e.g. +rsc=table, +rsc=table,adsp:size, +rsc=gpdsp0:small. The
# default is the track's RSC_DEFAULT (track.conf: the TrustZone its users
# have), none if it has none.
RSC_MODES=(none table small size num offset overlap carveout ram reserved)
# rsc_value NAME -> the u32 the double reads at RSC_ADDR (4 bits per remote idx)
rsc_value() {
	local spec= s m i idx v=0 def=0 over=() item
	for s in $(tr + ' ' <<<"${1#*+}"); do
		case $s in rsc=*) spec=${s#rsc=} ;; esac
	done
	if [ -n "${RSC_DEFAULT:-}" ]; then
		for i in "${!RSC_MODES[@]}"; do [ "${RSC_MODES[$i]}" = "$RSC_DEFAULT" ] && def=$i; done
		[ "${RSC_MODES[$def]}" = "$RSC_DEFAULT" ] || die "track $TRACK: unknown RSC_DEFAULT '$RSC_DEFAULT'"
	fi
	case $1 in *+rsc=*) ;; *) spec=${RSC_MODES[$def]} ;; esac
	case ,$spec, in *,,*) die "mode '$1': empty item in +rsc=$spec" ;; esac
	for item in $(tr , ' ' <<<"$spec"); do
		m=${item#*:}
		for i in "${!RSC_MODES[@]}"; do [ "${RSC_MODES[$i]}" = "$m" ] && break; done
		[ "${RSC_MODES[$i]}" = "$m" ] || die "mode '$1': unknown rsc mode '$m' (${RSC_MODES[*]})"
		case $item in
		*:*)
			case ${item%%:*} in
			adsp) idx=0 ;;
			cdsp0 | cdsp-dtb) idx=1 ;;
			cdsp1) idx=2 ;;
			gpdsp0) idx=3 ;;
			gpdsp1) idx=4 ;;
			*) die "mode '$1': unknown remote '${item%%:*}' (adsp, cdsp0|cdsp-dtb, cdsp1, gpdsp0, gpdsp1)" ;;
			esac
			over+=("$idx:$i") ;;
		*)
			[ ${#over[@]} -eq 0 ] && [ "$item" = "${spec%%,*}" ] ||
				die "mode '$1': rsc default '$item' must come first"
			def=$i ;;
		esac
	done
	for idx in 0 1 2 3 4; do v=$((v | def << 4 * idx)); done
	for item in ${over[@]+"${over[@]}"}; do
		idx=${item%%:*}
		v=$(((v & ~(0xf << 4 * idx)) | ${item#*:} << 4 * idx))
	done
	echo "$v"
}

# mode_base NAME -> qhee | noqhee
mode_base() { echo "${1%%+*}"; }

# mode_dtb NAME -> the basename of the mode's DTB in DTS_OUT: the base mode's
# (qhee, noqhee), or its DTB-profile variant (<base>+dtb) when the mode has +dtb
# The DTB is the base mode's, or noqhee's with +el2dt: the EL2 overlay on a
# board that boots a hypervisor (QHEE mode: Linux at EL1 with iommus in DT).
mode_dtb() {
	local v b
	v=$(mode_value "$1")
	b=$(mode_base "$1")
	case $1 in *+el2dt*) b=noqhee ;; esac
	if [ $((v & 0x200)) -ne 0 ]; then echo "$b+dtb"; else echo "$b"; fi
}

# kernel_dir NAME|DIR: a kernel build dir (O=); names as in run.sh
kernel_dir() {
	case $1 in
	# series: beside build/<track>/linux, as the gate's tree and its
	# out-builtin, so ccache (CCACHE_BASEDIR) hits between them
	series) echo "$BUILD/out-builtin" ;;
	base | test) echo "$BUILD/out/$1-builtin" ;;
	*) realpath "$1" ;;
	esac
}

# EL2_DTSO (the EL2 overlay, relative to a kernel tree) is track data:
# series/<track>/track.conf, read by lib.sh.

# kout_src KOUT: the source tree a kernel build dir (O=) was configured from
kout_src() {
	sed -n 's/^include \(.*\)\/Makefile$/\1/p' "$1/Makefile" | head -1
}

# guest_result LOG: the guest's result (the "pas-result: N" line of
# initramfs/init or scenarios/faults.sh, or its copy through printk, which
# reaches the console even when the tty never drained); empty without one.
# The two copies race: the printk line may land between the tty's line and
# its newline ("pas-result: 0[    1.34] pas-result: 0"), so a result ends at
# the end of the line or where a printk timestamp begins.
guest_result() {
	# (no result is not an error: callers run under pipefail)
	{ tr -d '\r' <"$1" | grep -aoE '(^|\] )pas-result: [0-9]+(\[|$)' || true; } |
		sed -E 's/.*pas-result: ([0-9]+).*/\1/' | tail -1
}
