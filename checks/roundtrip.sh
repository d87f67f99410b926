#!/usr/bin/env bash
# Exporting the applied series gives back its patches byte for byte: nothing in
# the export drifts (dates, hashes, tool versions).
. "$(dirname "$0")/lib.sh"

tmp=$(mktemp -d -p "$BUILD")
trap 'rm -rf "$tmp"' EXIT
checkout gate
bash "$ROOT/scripts/series.sh" export-to "$tmp" "$TREE"
if diff -ru "$PATCHES" "$tmp" >"$LOGS/roundtrip.diff"; then
	echo "ok $(ls "$tmp" | wc -l) files identical"
else
	echo "FAIL export differs from ${PATCHES#"$ROOT"/} (diff: $LOGS/roundtrip.diff)" >&2
	head -40 "$LOGS/roundtrip.diff" >&2
	exit 1
fi
