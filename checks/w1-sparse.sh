#!/usr/bin/env bash
# No new W=1 (incl. kernel-doc) or sparse (C=2) warning in the directories the
# series compiles: each patch's warnings, with line numbers dropped, are
# compared against its parent's, so the base's own warnings are not blamed.
. "$(dirname "$0")/lib.sh"

out=$(dirname "$TREE")/out-w1
dirs=$(for c in $(commits); do touched "$c"; done | grep -E '^drivers/.*\.c$' |
	xargs -r -n1 dirname | sort -u | sed 's|$|/|' | xargs)
[ -n "$dirs" ] || { echo "no C files touched"; exit 0; }

warnings() { # REV -> normalized warnings on stdout
	checkout "$1"
	# shellcheck disable=SC2086
	bash "$ROOT/scripts/kbuild.sh" "$TREE" builtin "$out" W=1 C=2 ${SPARSE:+CHECK="$SPARSE"} $dirs \
		>"$LOGS/w1-sparse.log" 2>&1 || { cat "$LOGS/w1-sparse.log" >&2; return 1; }
	grep -E '(warning|error):' "$LOGS/w1-sparse.log" |
		sed -E 's|^/?[^ ]*/linux/||; s/:[0-9]+(:[0-9]+)?:/:/' | sort
}

bad=0
prev=
for c in $(commits); do
	touched "$c" | grep -qE '\.(c|h)$' || { echo "ok (no C) $(label "$c")"; prev=; continue; }
	[ -n "$prev" ] || prev=$(warnings "$c~1") || exit 1
	now=$(warnings "$c") || { echo "FAIL $(label "$c"): build failed" >&2; exit 1; }
	new=$(comm -13 <(echo "$prev") <(echo "$now") | grep . || true)
	if [ -n "$new" ]; then
		echo "FAIL $(label "$c"): new W=1/sparse warnings:" >&2
		echo "$new" | sed 's/^/  /' >&2
		bad=1
	else
		echo "ok $(label "$c") ($(echo "$now" | grep -c . || true) inherited)"
	fi
	prev=$now
done
exit $bad
