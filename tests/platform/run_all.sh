#!/usr/bin/env bash
# tests/platform/run_all.sh - every platform test, as KTAP subtests (for
# `make test`). Exit 0 when none failed (a skip is not a failure).
. "$(dirname "$0")/lib.sh"
tests=(overlay_agrees ab autoboot irq kselftest)
# (a deliberately broken series failing: the mutation suite, tests/mutants/)
echo "KTAP version 1"
echo "1..${#tests[@]}"
n=0 failed=0
for t in "${tests[@]}"; do
	n=$((n + 1))
	t0=$(date +%s)
	rc=0
	read -r script args <<<"$t"	# "script [arg]"
	log=$LOGS/platform-${t// /-}.err
	# shellcheck disable=SC2086 # args: zero or one word
	bash "$ROOT/tests/platform/$script.sh" $args 2>"$log" | sed 's/^/    /' || rc=${PIPESTATUS[0]}
	dt=$(($(date +%s) - t0))
	case $rc in
	0) echo "ok $n $t # ${dt}s" ;;
	4) echo "ok $n $t # SKIP (${dt}s)" ;;
	*) failed=$((failed + 1)); echo "not ok $n $t # ${dt}s, exit $rc, stderr: $log" ;;
	esac
done
echo "# platform: $((n - failed))/$n passed"
[ $failed -eq 0 ]
