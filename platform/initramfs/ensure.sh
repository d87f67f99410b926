#!/usr/bin/env bash
# initramfs/ensure.sh KOUT: print the path of the guest initramfs for the kernel
# in KOUT, rebuilding it when an input changed (for run.sh).
. "$(dirname "$0")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"
kout=$(realpath "$1")
out=$kout/pas-initramfs.cpio.gz
sel=$KSRC/tools/testing/selftests
stamp=$( (cd "$ROOT/platform" && cat initramfs/init initramfs/*.sh initramfs/scenarios/* fixtures/*) 2>/dev/null |
	cat - "$MKMDT" "$kout/vmlinux" "$sel/kselftest/ktap_helpers.sh" "$sel"/remoteproc/* 2>/dev/null |
	sha256sum | cut -c1-16)
if [ "$(cat "$out.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$out" ]; then
	bash "$ROOT/platform/initramfs/build.sh" "$kout" "$out" >&2
	echo "$stamp" >"$out.stamp"
fi
echo "$out"
