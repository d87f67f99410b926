#!/usr/bin/env bash
# tests/platform/overlay_agrees.sh - the double's expected SIDs and devmem
# windows (platform/firmware/src/remotes.c) must be what the series' EL2
# overlay gives the no-QHEE DT. KTAP on stdout; exit 0 pass, 1 fail, 4 skip.
. "$(dirname "$0")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"
# (the DTBs are shared with concurrent runs: rebuild and read under their lock)
exec 9>"$PLAT/.inputs.lock"
flock 9
bash "$ROOT/platform/dts/ensure.sh" >&2
dts=$(mktemp -p "$PLAT" noqhee.XXXXXX.dts)
src=$PLAT/overlay-source.$$.txt
trap 'rm -f "$dts" "$src"' EXIT
tb dtc -q -I dtb -O dts -o "$dts" "$DTS_OUT/noqhee.dtb"
cp "$DTS_OUT/overlay-source.txt" "$src"
flock -u 9
tb python3 "$ROOT/tests/platform/overlay_agrees.py" "$ROOT/platform/firmware/src/remotes.c" \
	"$dts" "$ROOT/platform/ABI.md" "$src"
