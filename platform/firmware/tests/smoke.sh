#!/usr/bin/env bash
# Smoke-boot a kernel on the pasdouble, in both modes, to a busybox /init
# that checks the SCM probe and that interrupts flow, then `poweroff -f`.
# Only the QEMU dump + psci + scm + chosen: no PAS nodes (platform/dts does those).
#   platform/firmware/tests/smoke.sh [Image]     (default: the base kernel)
. "$(dirname "$0")/../../../scripts/lib.sh"
IMAGE=$(realpath "${1:-$BUILD/out/base-builtin/arch/arm64/boot/Image}")
FW=$BUILD/platform/firmware
W=$FW/smoke
mkdir -p "$W"
[ -f "$IMAGE" ] || die "no kernel Image at $IMAGE"
tb make -s -C "$ROOT/platform/firmware" fw >/dev/null

M=(-machine virt,secure=on,virtualization=on,iommu=smmuv3,gic-version=3
	-cpu max,pauth-impdef=on -smp 1 -m 3072 -nographic -nic none -no-reboot
	-bios "$FW/pasdouble.bin")

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
	rm -f "$ns" "$sec"
	start=$(date +%s.%N)
	set +e
	timeout 60 bash -c '. "$0"; tb "$@"' "$ROOT/scripts/lib.sh" qemu-system-aarch64 "${M[@]}" \
		-device loader,file="$IMAGE",addr=0x40200000,force-raw=on \
		-device loader,file="$W/smoke.dtb",addr=0x48000000,force-raw=on \
		-device loader,file="$W/initramfs.cpio.gz",addr=0x48100000,force-raw=on \
		-device loader,addr=0x4ffff000,data=$mode,data-len=4 \
		-serial file:"$ns" -serial file:"$sec" </dev/null
	q=$?
	t=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	echo "== mode $mode: qemu exit $q, ${t}s"
	cat "$sec"
	grep -E '^SMOKE|Kernel panic|qcom_scm' "$ns" | sort -u
	grep -q 'SMOKE: interrupts flow' "$ns" || rc=1
	grep -q 'qcom_scm: convention: smc arm 64' "$ns" || rc=1
	grep -q "mode $mode (" "$sec" || rc=1
	grep -qiE 'qcom_scm.*(fail|error)|UNEXPECTED|Kernel panic' "$ns" "$sec" && rc=1
	[ $q -eq 0 ] || rc=1
	set -e
done
[ $rc -eq 0 ] && echo "SMOKE PASS" || echo "SMOKE FAIL (logs: $W)"
exit $rc
