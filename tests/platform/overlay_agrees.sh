#!/usr/bin/env bash
# tests/platform/overlay_agrees.sh - the double's expected SIDs and devmem
# windows (platform/firmware/src/remotes.c) must be what the series' EL2
# overlay gives the no-QHEE DT. KTAP on stdout; exit 0 pass, 1 fail, 4 skip.
. "$(dirname "$0")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"
bash "$ROOT/platform/dts/ensure.sh" >&2
tb dtc -q -I dtb -O dts -o "$DTS_OUT/noqhee.dts" "$DTS_OUT/noqhee.dtb"
tb python3 "$ROOT/tests/platform/overlay_agrees.py" "$ROOT/platform/firmware/src/remotes.c" \
	"$DTS_OUT/noqhee.dts" "$ROOT/platform/ABI.md" "$DTS_OUT/overlay-source.txt"
