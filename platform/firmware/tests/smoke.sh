#!/usr/bin/env bash
# Smoke-boot a kernel on the pasdouble, in both modes, on the machine of
# platform/machine.sh (all its CPUs), to a busybox /init that checks the SCM
# probe, that interrupts flow and how many CPUs run, then `poweroff -f`.
# Asserts Linux's "CPU: All CPU(s) started at EL1" in QHEE mode and "at EL2"
# in no-QHEE mode, and that every CPU came up (PSCI CPU_ON).
# Only the QEMU dump + psci + scm + chosen: no PAS nodes (platform/dts does those).
#   platform/firmware/tests/smoke.sh [Image]     (default: the base kernel)
# Environment: PAS_FW_BIN (a built double; default: build it into
# build/platform/firmware), PAS_SMP (CPUs, default 4).
. "$(dirname "$0")/../../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"
IMAGE=$(realpath "${1:-$BUILD/out/base-builtin/arch/arm64/boot/Image}")
[ -f "$IMAGE" ] || die "no kernel Image at $IMAGE"
if [ -z "${PAS_FW_BIN:-}" ]; then
	tb make -s -C "$ROOT/platform/firmware" O="$PLAT/firmware" fw >/dev/null
fi
[ -f "$FW_BIN" ] || die "no double at $FW_BIN"
W=$(dirname "$FW_BIN")/smoke-smp$QEMU_SMP
mkdir -p "$W"
M=("${QEMU_MACHINE[@]}" -bios "$FW_BIN")

# the DTB, dumped with the same options (incl. -bios), plus psci/scm/chosen
tb qemu-system-aarch64 "${M[@]}" -machine dumpdtb="$W/virt.dtb" >/dev/null 2>&1
tb dtc -q -I dtb -O dts -o "$W/virt.dts" "$W/virt.dtb"
cat >>"$W/virt.dts" <<'DTS'
/ {
	psci { compatible = "arm,psci-1.0"; method = "smc"; };
	firmware { scm { compatible = "qcom,scm"; }; };
	chosen {
		bootargs = "console=ttyAMA0 earlycon=pl011,0x9000000 rdinit=/init panic=-1";
		linux,initrd-start = <0x0 0x48100000>;
		linux,initrd-end = <0x0 INITRD_END>;
	};
};
DTS
# QEMU's DT has no enable-method with secure=on (PSCI is the firmware's)
for ((c = 0; c < QEMU_SMP; c++)); do
	printf '&{/cpus/cpu@%x} { enable-method = "psci"; };\n' "$c" >>"$W/virt.dts"
done

# initramfs: static busybox + a checking /init
rm -rf "$W/root" && mkdir -p "$W/root/bin" "$W/root/proc" "$W/root/sys" "$W/root/dev"
cp "$TOOLBOX/bin/busybox" "$W/root/bin/busybox"
cat >"$W/root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc; mount -t sysfs sys /sys
grep -E "CPU0|arch_timer|smmu|GIC" /proc/interrupts | head -5 | sed "s/^/SMOKE: /"
t0=$(awk '/arch_timer/ {print $2}' /proc/interrupts)
sleep 1
t1=$(awk '/arch_timer/ {print $2}' /proc/interrupts)
echo "SMOKE: arch_timer $t0 -> $t1"
[ "${t1:-0}" -gt "${t0:-0}" ] && echo "SMOKE: interrupts flow" || echo "SMOKE: FAIL interrupts"
dmesg | grep -i -E 'qcom_scm|qcom-scm|tzmem|psci' | sed 's/^/SMOKE: /'
echo "SMOKE: el=$(dmesg | grep -o 'started at EL[0-9]')"
echo "SMOKE: cpus online $(cat /sys/devices/system/cpu/online) processors $(grep -c ^processor /proc/cpuinfo)"
# every CPU takes its timer interrupt: they all run
echo "SMOKE: timer per CPU $(awk '/arch_timer/ { $1 = ""; print }' /proc/interrupts | cut -c1-60)"
# CPU hotplug (PSCI CPU_OFF, then CPU_ON), when the kernel has it
if [ -w /sys/devices/system/cpu/cpu1/online ]; then
	echo 0 >/sys/devices/system/cpu/cpu1/online && echo 1 >/sys/devices/system/cpu/cpu1/online &&
		echo "SMOKE: hotplug cpu1 off/on: $(cat /sys/devices/system/cpu/online)"
fi
poweroff -f
INIT
chmod +x "$W/root/init"
tb sh -c 'cd "$0" && find . | cpio -o -H newc 2>/dev/null | gzip -9 >../initramfs.cpio.gz' "$W/root"
size=$(stat -c %s "$W/initramfs.cpio.gz")
sed -i "s/INITRD_END/$(printf '0x%x' $((0x48100000 + size)))/" "$W/virt.dts"
tb dtc -q -I dts -O dtb -o "$W/smoke.dtb" "$W/virt.dts"

rc=0
for mode in 0 1; do
	ns=$W/ns-$mode.log sec=$W/secure-$mode.log
	el=$([ $mode = 0 ] && echo 1 || echo 2)
	rm -f "$ns" "$sec"
	start=$(date +%s.%N)
	set +e
	timeout 90 bash -c '. "$0"; tb "$@"' "$ROOT/scripts/lib.sh" qemu-system-aarch64 "${M[@]}" \
		-device loader,file="$IMAGE",addr=$KERNEL_ADDR,force-raw=on \
		-device loader,file="$W/smoke.dtb",addr=$DTB_ADDR,force-raw=on \
		-device loader,file="$W/initramfs.cpio.gz",addr=$INITRD_ADDR,force-raw=on \
		-device loader,addr=$MODE_ADDR,data=$mode,data-len=4 \
		-serial file:"$ns" -serial file:"$sec" </dev/null
	q=$?
	t=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	echo "== mode $mode: qemu exit $q, ${t}s, -smp $QEMU_SMP"
	cat "$sec"
	grep -aE '^SMOKE|Kernel panic|qcom_scm|started at EL|SMP: Total|CPU features: detected: .*(VHE|Kernel page)' "$ns" | tr -d '\r' | sort -u
	fail() { echo "SMOKE: mode $mode: FAIL: $*"; rc=1; }
	grep -q 'SMOKE: interrupts flow' "$ns" || fail "arch_timer does not count"
	grep -q 'qcom_scm: convention: smc arm 64' "$ns" || fail "no SCM probe"
	grep -q "mode $mode (" "$sec" || fail "the double did not read mode $mode"
	grep -q "CPU: All CPU(s) started at EL$el" "$ns" || fail "Linux did not start at EL$el on all CPUs"
	if [ "$QEMU_SMP" -gt 1 ]; then
		grep -q "SMP: Total of $QEMU_SMP processors activated" "$ns" || fail "not all $QEMU_SMP CPUs came up"
	fi
	grep -q "SMOKE: cpus online 0-$((QEMU_SMP - 1)) processors $QEMU_SMP\|SMOKE: cpus online 0 processors 1" "$ns" ||
		fail "online CPUs differ from -smp $QEMU_SMP"
	# (a distribution kernel probes qseecom, which the double does not offer: -EOPNOTSUPP is its answer)
	grep -aiE 'qcom_scm.*(fail|error)|UNEXPECTED|Kernel panic' "$ns" "$sec" |
		grep -qv 'qseecom: scm call failed with error -95' && fail "errors in the logs"
	[ $q -eq 0 ] || fail "qemu exit $q"
	set -e
done
[ $rc -eq 0 ] && echo "SMOKE PASS" || echo "SMOKE FAIL (logs: $W)"
exit $rc
