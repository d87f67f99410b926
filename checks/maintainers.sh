#!/usr/bin/env bash
# get_maintainer.pl on the series; every address it names is in the cover
# letter's To:/Cc:. The output is kept in the log as the record.
# --no-git-fallback: the base is one imported commit, so git history would
# only name whoever imported it (and reading it is most of the time).
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d -p "$BUILD")
trap 'rm -rf "$tmp"' EXIT
"${G[@]}" format-patch -q -o "$tmp" "$RANGE"
checkout gate
(cd "$TREE" && tb ./scripts/get_maintainer.pl --no-rolestats --no-git --no-git-fallback \
	"$tmp"/*.patch) | tee "$LOGS/get_maintainer.txt"
cover=$PATCHES/0000-cover-letter.patch
hdr=$(sed '/^$/q' "$cover" | tr 'A-Z' 'a-z')
missing=0
while read -r line; do
	addr=$(echo "$line" | grep -oE '[^<> ]+@[^<> ]+' | tr 'A-Z' 'a-z')
	echo "$hdr" | grep -qF "$addr" || { echo "FAIL not in cover To/Cc: $line" >&2; missing=1; }
done <"$LOGS/get_maintainer.txt"
[ $missing -eq 0 ] && echo "ok cover letter addresses all $(wc -l <"$LOGS/get_maintainer.txt") recipients"
exit $missing
