#!/usr/bin/env bash
# tests/faults/run_all.sh - the fault suite (for `make test`): the bad-DT
# matrix, fault injection at every step of start, and the short soak, on the
# debug kernel (FAULTS_KOUT, default build/out/series-debug built from
# build/linux with kernel/configs/debug.config). One KTAP document, each
# script a subtest; the last line sums the figures. Exit non-zero on any
# failure, or if any leak or kernel warning was found.
. "$(dirname "$0")/lib.sh"
f_kernel	# build once, before the scripts (each would check again)
parts=(baddt inject soak)
echo "KTAP version 1"
echo "1..${#parts[@]}"
declare -A SUM
n=0 failed=0 t0=$(date +%s)
for p in "${parts[@]}"; do
	n=$((n + 1))
	t1=$(date +%s) rc=0
	out=$(FAULTS_KOUT_GIVEN=1 FAULTS_KOUT=$FAULTS_KOUT bash "$FAULTS/$p.sh" 2>"$LOGS/faults-$FAULTS_TAG-$p.err") || rc=$?
	sed 's/^/    /' <<<"$out"
	last=$(grep '^# faults: ' <<<"$out" | tail -1)
	for kv in $last; do
		case $kv in *=[0-9]*) SUM[${kv%%=*}]=$((${SUM[${kv%%=*}]:-0} + ${kv#*=})) ;; esac
	done
	if [ $rc = 0 ] && [ -n "$last" ]; then
		echo "ok $n $p # $(($(date +%s) - t1))s"
	else
		failed=$((failed + 1))
		echo "not ok $n $p # $(($(date +%s) - t1))s, exit $rc${last:+, $(sed 's/^# faults: //' <<<"$last")}; stderr: $LOGS/faults-$FAULTS_TAG-$p.err"
	fi
done
echo "# faults summary: cases ${SUM[cases]:-0} (${SUM[passed]:-0} passed, ${SUM[failed]:-0} failed)," \
	"faults injected ${SUM[faults_injected]:-0}, start/stop cycles ${SUM[cycles]:-0}," \
	"crash recoveries ${SUM[crash_recoveries]:-0}, leaks found ${SUM[leaks]:-0}," \
	"kernel warnings ${SUM[warnings]:-0}, boots ${SUM[boots]:-0}, wall $(($(date +%s) - t0))s"
[ $failed -eq 0 ] && [ "${SUM[leaks]:-0}" -eq 0 ] && [ "${SUM[warnings]:-0}" -eq 0 ]
