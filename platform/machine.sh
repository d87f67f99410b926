# shellcheck shell=bash
# The QEMU machine of platform/ABI.md, in one place: the DTB dump and every run
# must use exactly the same options (see qemu-virt-el3.md, pitfall 1).
# Source after scripts/lib.sh.

PLAT=$BUILD/platform
FW_BIN=$PLAT/firmware/pasdouble.bin
MKMDT=$PLAT/firmware/mkmdt
DTS_OUT=$PLAT/dts
INITRAMFS=$PLAT/initramfs.cpio.gz

# Load addresses (ABI.md "Machine").
KERNEL_ADDR=0x40200000
DTB_ADDR=0x48000000
INITRD_ADDR=0x48100000
MODE_ADDR=0x4ffff000

QEMU_MACHINE=(
	-machine virt,secure=on,virtualization=on,iommu=smmuv3,gic-version=3
	-cpu max,pauth-impdef=on -smp 1 -m 3072 -nographic -nic none -no-reboot
)

# mode name -> the u32 the double reads at MODE_ADDR
mode_value() {
	case $1 in
	qhee) echo 0 ;;
	noqhee) echo 1 ;;
	*) die "unknown mode '$1' (qhee, noqhee)" ;;
	esac
}

# kernel_dir NAME|DIR: a kernel build dir (O=); names as in run.sh
kernel_dir() {
	case $1 in
	base | series | test) echo "$BUILD/out/$1-builtin" ;;
	*) realpath "$1" ;;
	esac
}

# The series' EL2 overlay, relative to a kernel tree.
EL2_DTSO=arch/arm64/boot/dts/qcom/sa8775p-el2.dtso

# kout_src KOUT: the source tree a kernel build dir (O=) was configured from
kout_src() {
	sed -n 's/^include \(.*\)\/Makefile$/\1/p' "$1/Makefile" | head -1
}
