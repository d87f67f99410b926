#!/usr/bin/env bash
# platform/ensure_inputs.sh KERNEL... - build what a run needs: the EL3
# double and mkmdt (platform/firmware/Makefile, up to date), and the named kernels when missing
# (of the track, in build/<track>/: base: the pristine base, build linux-base
# -> out/base-builtin; series: linux -> out-builtin; test: linux-test ->
# out/test-builtin). DTBs and initramfs are refreshed by run.sh itself.
. "$(dirname "$0")/../scripts/lib.sh"
. "$ROOT/platform/machine.sh"

# The double is small: always let its Makefile bring it up to date.
[ -f "$ROOT/platform/firmware/Makefile" ] || die "the EL3 double (platform/firmware) is not there yet"
make -s --no-print-directory -C "$ROOT/platform/firmware" O="$PLAT/firmware" fw tools >"$LOGS/firmware-build.log" 2>&1 ||
	die "building the EL3 double failed: $LOGS/firmware-build.log"
for k in "$@"; do
	case $k in
	base)
		src=$BUILD/linux-base
		[ -d "$src/.git" ] || bash "$ROOT/scripts/series.sh" tree "$src" base
		;;
	series)
		src=$KSRC
		# a clean checkout: make build/linux (never re-applied once it exists)
		[ -d "$src/.git" ] || bash "$ROOT/scripts/series.sh" apply
		;;
	test)
		src=$BUILD/linux-test
		[ -d "$src/.git" ] || bash "$ROOT/scripts/series.sh" tree "$src" k/series
		;;
	*) continue ;; # a build dir given directly: the caller built it
	esac
	out=$(kernel_dir "$k")
	if [ ! -f "$out/arch/arm64/boot/Image" ]; then
		say "building the $k kernel ($src)"
		bash "$ROOT/scripts/kbuild.sh" "$src" builtin "$out" Image >&2
	fi
done
