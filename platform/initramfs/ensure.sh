#!/usr/bin/env bash
# initramfs/ensure.sh KOUT: print the path of the guest initramfs for the kernel
# in KOUT, rebuilding it when an input changed (for run.sh).
. "$(dirname "$0")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"
kout=$(realpath "$1")
out=$kout/pas-initramfs.cpio.gz
# the kselftest of the kernel under test (none in the base tree)
sel=$(kout_src "$kout")/tools/testing/selftests
# The fixture module is built (incrementally) first, so that the stamp holds
# its bytes: a kernel change that leaves the module alone rebuilds nothing.
ko=$(bash "$ROOT/platform/fixtures/build.sh" "$kout")
# (missing inputs, e.g. no mkmdt or selftest yet, are part of the state)
stamp=$({ cat "$ROOT"/platform/initramfs/init "$ROOT"/platform/initramfs/*.sh \
	"$ROOT"/platform/initramfs/scenarios/* "$MKMDT" \
	"$ko" "$sel/kselftest/ktap_helpers.sh" "$sel"/remoteproc/* \
	$(sed "s|^|$kout/|; s|\.o$|.ko|" "$kout/modules.order" 2>/dev/null) 2>/dev/null || true; } |
	sha256sum | cut -c1-16)
if [ "$(cat "$out.stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$out" ]; then
	bash "$ROOT/platform/initramfs/build.sh" "$kout" "$out" "$(kout_src "$kout")" >&2
	echo "$stamp" >"$out.stamp"
fi
echo "$out"
