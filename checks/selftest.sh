#!/usr/bin/env bash
# Prove the gate can fail: put each deliberately broken sample on top of the
# series in the gate's tree and require the check meant for it to reject it.
# Usage: selftest.sh TREE   (after checks/apply.sh TREE)
. "$(dirname "$0")/../scripts/lib.sh"
. "$ROOT/scripts/report.sh"
T=$(realpath "$1")
SAMPLES=$ROOT/checks/samples

expect_caught() { # CHECK PATCH...
	local check=$1 rc=0
	shift
	git -C "$T" checkout -q --force -B sample gate
	git -C "$T" -c user.name=gate -c user.email=gate@localhost am -q "$@" ||
		{ git -C "$T" am --abort; echo "sample does not apply" >&2; return 1; }
	GATE_CONFIGS=builtin bash "$ROOT/checks/$check.sh" "$T" gate..sample || rc=$?
	git -C "$T" checkout -q --force gate
	if [ $rc -eq 0 ]; then
		echo "not caught: checks/$check.sh passed a broken sample" >&2
		return 1
	fi
	echo "caught by checks/$check.sh (exit $rc), as it must be"
}

for s in checkpatch-error:checkpatch sparse-warning:w1-sparse \
	binding-schema-error:dt-binding-check build-break:build; do
	name=${s%%:*} check=${s#*:}
	cached_step "gate-selftest-$name" "${GATE_KEY:-}" "bash checks/selftest.sh $T" -- \
		expect_caught "$check" "$SAMPLES/$name"*.patch
done
