#!/usr/bin/env bash
# platform/initramfs/build.sh KOUT OUT.cpio.gz [SRC]
# The guest's static initramfs for the kernel built in KOUT: busybox (arm64,
# static, from the toolbox), /init and the scenarios, pas_fixture.ko built
# against KOUT, firmware images written by the double's mkmdt into
# /lib/firmware-staging, and the remoteproc kselftest of the kernel tree
# SRC (default: the tree KOUT was built from) when it has one.
. "$(dirname "$0")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"

kout=$(realpath "$1") out=$(realpath -m "$2")
sel=${3:-$(kout_src "$kout")}/tools/testing/selftests
HERE=$ROOT/platform/initramfs
stage=$out.d
rm -rf "$stage"
mkdir -p "$stage"/{bin,lib/modules,lib/pas,lib/firmware-staging,kselftest} "$(dirname "$out")"

ko=$(bash "$ROOT/platform/fixtures/build.sh" "$kout")
cp "$ko" "$stage/lib/modules/"
# A kernel with the PAS driver as a module (the gate's modules configuration)
# gets its modules; /init modprobes the driver.
if grep -q '^CONFIG_QCOM_Q6V5_PAS=m' "$kout/.config"; then
	tb make -s -C "$(kout_src "$kout")" O="$kout" INSTALL_MOD_PATH="$stage" INSTALL_MOD_STRIP=1 \
		modules_install >&2
fi
cp "$TOOLBOX/bin/busybox" "$stage/bin/busybox"
cp "$HERE/lib.sh" "$HERE/crash_hook.sh" "$stage/lib/pas/"
cp -r "$HERE/scenarios" "$stage/lib/pas/"

# Firmware images, one per remote, as the PAS driver names them.
if [ -x "$MKMDT" ]; then
	bash "$HERE/images.sh" "$stage/lib/firmware-staging"
else
	say "initramfs: $MKMDT not built yet: no firmware images in the guest"
fi

if [ -d "$sel/remoteproc" ]; then
	mkdir -p "$stage/kselftest/kselftest"
	cp "$sel/kselftest/ktap_helpers.sh" "$stage/kselftest/kselftest/"
	cp -r "$sel/remoteproc" "$stage/kselftest/"
else
	say "initramfs: no $sel/remoteproc yet: the kselftest scenario will report it missing"
fi

# gen_init_cpio (from the kernel) writes device nodes without root.
gic=$BUILD/platform/gen_init_cpio
[ -x "$gic" ] || tb gcc -O2 -o "$gic" "$(kout_src "$kout")/usr/gen_init_cpio.c"
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	for d in proc sys tmp root etc sbin usr usr/bin usr/sbin lib/firmware; do echo "dir /$d 0755 0 0"; done
	echo "file /init $HERE/init 0755 0 0"
	(cd "$stage" && find . -mindepth 1 | sort) | while read -r p; do
		p=${p#.}
		if [ -d "$stage$p" ]; then echo "dir $p 0755 0 0"
		else echo "file $p $stage$p $( [ -x "$stage$p" ] && echo 0755 || echo 0644) 0 0"; fi
	done
	# after /bin exists; /init installs the other applets, sh must be there to run it
	echo "slink /bin/sh busybox 0777 0 0"
} >"$out.list"
tb "$gic" "$out.list" | gzip -n -9 >"$out"
say "initramfs: $out ($(stat -c %s "$out") bytes)"
