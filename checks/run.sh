#!/usr/bin/env bash
# The static gate: apply the series onto the pinned base in the gate's own
# tree, then judge every patch against its parent. Then prove the gate can
# fail (checks/selftest.sh). Results are appended to $RESULTS.
. "$(dirname "$0")/../scripts/lib.sh"
. "$ROOT/scripts/report.sh"

T=$BUILD/gate/linux
R=base..gate
step gate-apply "bash checks/apply.sh $T" -- bash "$ROOT/checks/apply.sh" "$T"
grep -q '^FAIL gate-apply' "$RESULTS" && exit 0
for c in signoff checkpatch build w1-sparse dt-binding-check dtbs-check maintainers roundtrip; do
	step "gate-$c" "bash checks/$c.sh $T $R" -- bash "$ROOT/checks/$c.sh" "$T" "$R"
done
bash "$ROOT/checks/selftest.sh" "$T"
