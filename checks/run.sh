#!/usr/bin/env bash
# The static gate: apply the series onto the pinned base in the gate's own
# tree, then judge every patch against its parent. Then prove the gate can
# fail (checks/selftest.sh). Results are appended to $RESULTS.
. "$(dirname "$0")/../scripts/lib.sh"
. "$ROOT/scripts/report.sh"

T=$BUILD/gate/linux
R=base..gate
# Everything a verdict depends on: the series, the checks and their samples,
# the build scripts and configs, the base and the toolbox.
key=$(cd "$ROOT" && { find "series/$TRACK" checks scripts kernel -type f -print0 | sort -z |
	xargs -0 sha256sum; cat "$TOOLBOX/.pas-toolbox-stamp"; } | sha256sum | cut -c1-16)
step gate-apply "bash checks/apply.sh $T" -- bash "$ROOT/checks/apply.sh" "$T"
grep -q "^FAIL ${STEP_PREFIX:-}gate-apply " "$RESULTS" && exit 0
for c in signoff checkpatch build w1-sparse dt-binding-check dtbs-check maintainers roundtrip; do
	cached_step "gate-$c" "$key" "bash checks/$c.sh $T $R" -- bash "$ROOT/checks/$c.sh" "$T" "$R"
done
GATE_KEY=$key bash "$ROOT/checks/selftest.sh" "$T"
