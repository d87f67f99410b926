#!/usr/bin/env bash
# checkpatch.pl --strict on each patch: 0 errors, 0 warnings, 0 checks,
# except where series/<track>/checkpatch.exceptions lists the message type for that
# patch with a reason.
. "$(dirname "$0")/lib.sh"

EXC=$TRACK_DIR/checkpatch.exceptions
bad=0
tmp=$(mktemp -d -p "$BUILD")
trap 'rm -rf "$tmp"' EXIT
for c in $(commits); do
	"${G[@]}" format-patch -q -1 --stdout "$c" >"$tmp/p"
	(cd "$TREE" && tb ./scripts/checkpatch.pl --strict --show-types --no-summary "$tmp/p") >"$tmp/out" 2>&1 || true
	s=$(subject "$c")
	n=0
	while read -r kind type; do
		if grep -v '^#' "$EXC" 2>/dev/null | awk -F'\t' -v t="$type" -v s="$s" \
			'$1 == t && index(s, $2) == 1 { f = 1 } END { exit !f }'; then
			echo "  excepted $kind:$type ($s)"
			continue
		fi
		n=$((n + 1))
	done < <(sed -n 's/^\(ERROR\|WARNING\|CHECK\):\([A-Z_]*\):.*/\1 \2/p' "$tmp/out")
	if [ $n -ne 0 ]; then
		echo "FAIL $(label "$c"): $n checkpatch finding(s)" >&2
		sed 's/^/  /' "$tmp/out" >&2
		bad=1
	else
		echo "ok $(label "$c")"
	fi
done
exit $bad
