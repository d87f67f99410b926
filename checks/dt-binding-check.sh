#!/usr/bin/env bash
# make dt_binding_check (dt-schema + yamllint) on every binding a patch
# touches: 0 warnings, 0 errors.
. "$(dirname "$0")/lib.sh"

# findings SEL: dt_binding_check's warnings and errors for the bindings SEL
findings() {
	# make checks only what is out of date: drop the schema (its rule also
	# runs yamllint and dt-doc-validate) and the examples' outputs
	local b y
	b=$(out_dir builtin)/Documentation/devicetree/bindings
	rm -f "$b/processed-schema.json"
	for y in ${1//:/ }; do find "$b" -name "${y%.yaml}.example.*" -delete 2>/dev/null || true; done
	mk builtin dt_binding_check DT_SCHEMA_FILES="$1" >"$LOGS/dt-binding-check.log" 2>&1 || true
	grep -Ei 'warning|error' "$LOGS/dt-binding-check.log" || true
}

bad=0
for c in $(commits); do
	files=$(touched "$c" | grep -E '^Documentation/devicetree/bindings/.*\.yaml$' || true)
	[ -n "$files" ] || continue
	checkout "$c"
	sel=$(for f in $files; do [ -f "$TREE/$f" ] && basename "$f"; done | paste -sd:)
	[ -n "$sel" ] || continue
	# its findings are kept under dt_key (checks/lib.sh dt_kept), as dtbs-check's
	found=$(dt_kept dt-binding-check "$c" "$sel" -- findings "$sel")
	if [ -n "$found" ]; then
		echo "FAIL $(label "$c"): $sel" >&2
		echo "$found" | sed 's/^/  /' >&2
		bad=1
	else
		echo "ok $(label "$c"): $sel"
	fi
done
exit $bad
