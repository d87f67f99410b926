#!/usr/bin/env bash
# Every patch builds on its own (the series is bisectable), in both
# configurations: drivers built in (Image) and as modules (modules + modpost,
# which catches missing exports).
. "$(dirname "$0")/lib.sh"

CONFIGS=${GATE_CONFIGS:-builtin modules}
declare -A target=([builtin]=Image [modules]="Image modules")
bad=0
for c in $(commits); do
	checkout "$c"
	for cfg in $CONFIGS; do
		# shellcheck disable=SC2086
		if mk "$cfg" -s ${target[$cfg]} >"$LOGS/build-$cfg.log" 2>&1; then
			echo "ok $cfg $(label "$c")"
		else
			echo "FAIL $cfg $(label "$c"): does not build" >&2
			grep -iE 'error' "$LOGS/build-$cfg.log" | head -20 >&2 || true
			bad=1
		fi
	done
done
exit $bad
