#!/usr/bin/env bash
# make dt_binding_check (dt-schema + yamllint) on every binding a patch
# touches: 0 warnings, 0 errors.
. "$(dirname "$0")/lib.sh"

bad=0
for c in $(commits); do
	files=$(touched "$c" | grep -E '^Documentation/devicetree/bindings/.*\.yaml$' || true)
	[ -n "$files" ] || continue
	checkout "$c"
	sel=$(for f in $files; do [ -f "$TREE/$f" ] && basename "$f"; done | paste -sd:)
	[ -n "$sel" ] || continue
	mk builtin dt_binding_check DT_SCHEMA_FILES="$sel" >"$LOGS/dt-binding-check.log" 2>&1 || true
	found=$(grep -Ei 'warning|error' "$LOGS/dt-binding-check.log" || true)
	if [ -n "$found" ]; then
		echo "FAIL $(label "$c"): $sel" >&2
		echo "$found" | sed 's/^/  /' >&2
		bad=1
	else
		echo "ok $(label "$c"): $sel"
	fi
done
exit $bad
