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
say "demo: $([ $rc -eq 0 ] && echo PASS || echo "FAIL ($rc)") in $(($(date +%s) - t0)) s"
exit $rc
