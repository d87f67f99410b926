#!/usr/bin/env bash
# The test command (make test, .ci/run): install what is missing, then run
# every check and test and end with "N passed, N failed".
# Usage: test.sh all|check
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
what=${1:-all}

# Installing first: lib.sh needs nothing but bash and coreutils.
. "$ROOT/scripts/lib.sh"
export RESULTS=$LOGS/results.txt
: >"$RESULTS"
. "$ROOT/scripts/report.sh"

say "test run: $what (logs in $LOGS)"
step setup-toolbox "bash scripts/toolbox.sh" -- bash "$ROOT/scripts/toolbox.sh"
step setup-base "bash scripts/base.sh" -- bash "$ROOT/scripts/base.sh"
bash "$ROOT/scripts/versions.sh" | tee "$LOGS/versions.txt" | sed 's/^/    /' >&2

bash "$ROOT/checks/run.sh"
if [ "$what" = all ]; then
	for t in "$ROOT"/tests/*.sh; do
		n=$(basename "$t" .sh)
		step "$n" "bash tests/$n.sh" -- bash "$t"
	done
	[ -x "$ROOT/tests/platform/run_all.sh" ] &&
		bash "$ROOT/tests/platform/run_all.sh"
fi
summary
