#!/usr/bin/env bash
# Prove the gate can fail: put each deliberately broken sample on top of the
# series in the gate's tree and require the check meant for it to reject it.
# Usage: selftest.sh TREE   (after checks/apply.sh TREE)
. "$(dirname "$0")/../scripts/lib.sh"
. "$ROOT/scripts/report.sh"
T=$(realpath "$1")
SAMPLES=$ROOT/checks/samples

# expect_caught CHECK SAMPLE...: a SAMPLE is a patch (git am) or a NAME.sh
# run in the tree (for what no one patch can do on every track's tree)
expect_caught() {
	local check=$1 rc=0 s
	shift
	git -C "$T" checkout -q --force -B sample gate
	for s; do
		case $s in
		*.sh) (cd "$T" && DTBS_BOARDS=$DTBS_BOARDS bash "$s") &&
			git -C "$T" -c user.name=gate -c user.email=gate@localhost commit -qam "gate sample: $(basename "$s" .sh)" ||
			{ echo "sample $s fails" >&2; git -C "$T" checkout -q --force gate; return 1; } ;;
		*) git -C "$T" -c user.name=gate -c user.email=gate@localhost am -q "$s" ||
			{ git -C "$T" am --abort; git -C "$T" checkout -q --force gate; echo "sample does not apply" >&2; return 1; } ;;
		esac
	done
	GATE_CONFIGS=builtin GATE_DTBS_BOARDS=${DTBS_BOARDS%% *} bash "$ROOT/checks/$check.sh" "$T" gate..sample || rc=$?
	git -C "$T" checkout -q --force gate
	if [ $rc -eq 0 ]; then
		echo "not caught: checks/$check.sh passed a broken sample" >&2
		return 1
	fi
	echo "caught by checks/$check.sh (exit $rc), as it must be"
}

for s in checkpatch-error:checkpatch sparse-warning:w1-sparse \
	binding-schema-error:dt-binding-check build-break:build dtbs-warning:dtbs-check; do
	name=${s%%:*} check=${s#*:}
	files=("$SAMPLES/$name"*)
	cached_step "gate-selftest-$name" "${GATE_KEY:-}" "bash checks/selftest.sh $T" -- \
		expect_caught "$check" "${files[@]}"
done
