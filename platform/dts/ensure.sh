#!/usr/bin/env bash
# Rebuild the platform DTBs when an input changed (cheap check, for run.sh).
. "$(dirname "$0")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"
series_dtso=${PAS_SERIES_SRC:-$KSRC}/$EL2_DTSO
# (missing inputs, e.g. no series overlay yet, are part of the state)
stamp=$({ echo "$series_dtso"; cat "$ROOT"/platform/ABI.md "$ROOT"/platform/machine.sh "$ROOT"/platform/dts/* \
	"$series_dtso" "$FW_BIN" 2>/dev/null || true; } | sha256sum | cut -c1-16)
[ "$(cat "$DTS_OUT/.stamp" 2>/dev/null)" = "$stamp" ] && [ -f "$DTS_OUT/noqhee.dtb" ] && [ -f "$DTS_OUT/noqhee+dtb.dtb" ] && exit 0
bash "$ROOT/platform/dts/build.sh"
echo "$stamp" >"$DTS_OUT/.stamp"
