#!/usr/bin/env bash
# platform/demo.sh - `make demo`: boot the series kernel on the virtual SA8775p
# in no-QHEE mode (Linux at EL2 owns the SMMU; the EL3 double enforces the
# TrustZone rules), start all five remoteprocs through sysfs, print each state
# change with the double's verdict and the mapping the remote sees, stop
# them, power off. Builds what is missing first.
# PAS_SERIES_KERNEL: kernel name/dir for run.sh (default: series).
. "$(dirname "$0")/../scripts/lib.sh"
. "$ROOT/platform/machine.sh"

kernel=${PAS_SERIES_KERNEL:-series}
bash "$ROOT/platform/ensure_inputs.sh" "$kernel"
t0=$(date +%s)
rc=0
PAS_RUN_NAME=demo PAS_TIMEOUT=${PAS_TIMEOUT:-90} bash "$ROOT/platform/run.sh" "$kernel" noqhee demo || rc=$?
# One line per remote: what Linux saw through sysfs, and what the double saw.
echo
printf '%-7s %-33s %s\n' remote "sysfs state" "the double's last verdict"
tr -d '\r' <"$LOGS/demo.ns.log" | awk '
	/^# [a-z0-9]+: (state|offline|running) / { n = $2; sub(":", "", n); s = $0; sub(/^# [a-z0-9]+: /, "", s)
		if (s ~ /^state /) seq[n] = substr(s, 7); else { split(s, a, " -> "); seq[n] = seq[n] " -> " a[2] } }
	/^# [a-z0-9]+: start failed/ { n = $2; sub(":", "", n); seq[n] = seq[n] " -> (start failed)" }
	/^# [a-z0-9]+: verdict: / { n = $2; sub(":", "", n); v = $0; sub(/^.*verdict: (pasdouble: [a-z0-9]+: )?/, "", v); ver[n] = v; order[++k] = n }
	END { for (i = 1; i <= k; i++) printf "%-7s %-33s %s\n", order[i], seq[order[i]], ver[order[i]] }'
echo
# A picture of what each remote can reach, from the double's walk.
if tb python3 "$ROOT/bench/iommu_space.py" svg-from-log "$LOGS/demo.ns.log" \
	"$BUILD/demo-iommu-space.svg" "$ROOT/platform/ABI.md" >/dev/null 2>&1; then
	tb rsvg-convert -o "$BUILD/demo-iommu-space.png" "$BUILD/demo-iommu-space.svg" 2>/dev/null || true
	say "demo: picture of each remote's IOMMU address space: $BUILD/demo-iommu-space.{svg,png}"
fi
say "demo: $([ $rc -eq 0 ] && echo PASS || echo "FAIL ($rc)") in $(($(date +%s) - t0)) s"
exit $rc
