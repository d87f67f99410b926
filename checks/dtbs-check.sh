#!/usr/bin/env bash
# CHECK_DTBS=y on the track's boards (DTBS_BOARDS), and on their -el2
# variants once the overlay exists: no warning the base DTBs do not have.
. "$(dirname "$0")/lib.sh"

BOARDS=${GATE_DTBS_BOARDS:-$DTBS_BOARDS}	# (the gate's self-test: one board)
warnings() { # REV -> normalized warnings, "-el2" folded into the base name
	checkout "$1"
	local t=() b
	for b in $BOARDS; do
		t+=("$b.dtb")
		grep -q "$(basename "$b")-el2.dtb" "$TREE/arch/arm64/boot/dts/qcom/Makefile" &&
			t+=("$b-el2.dtb")
	done
	# One target per make: an -el2 DTB is built from its base DTB, and two
	# goals sharing that prerequisite race under -j.
	: >"$LOGS/dtbs-check.log"
	for b in "${t[@]}"; do
		# an up-to-date DTB is not checked again: build each one anew
		rm -f "$(out_dir builtin)/arch/arm64/boot/dts/$b"
		mk builtin CHECK_DTBS=y "$b" >>"$LOGS/dtbs-check.log" 2>&1 ||
			{ cat "$LOGS/dtbs-check.log" >&2; return 1; }
		grep -qE "(DTC|OVL) \[C\] arch/arm64/boot/dts/$b\$" "$LOGS/dtbs-check.log" ||
			{ echo "FAIL $b was not built and checked" >&2; return 1; }
	done
	{ grep -E '\.dtb: ' "$LOGS/dtbs-check.log" || true; } |
		sed -E 's|^.*/([a-z0-9-]*)\.dtb: |\1: |; s/-el2: /: /' | sort -u
}

# The lists are kept under checks/lib.sh's dt_key (dt_kept): the pinned
# base's is computed once, and a series that touches no DT input has the
# base's key.
mapfile -t cs < <(commits)
first=${cs[0]} last=${cs[-1]}
before=$(dt_kept dtbs-warnings "$first~1" "$BOARDS" -- warnings "$first~1") || exit 1
after=$(dt_kept dtbs-warnings "$last" "$BOARDS" -- warnings "$last") || exit 1
echo "base: $(echo "$before" | grep -c . || true) warnings; series: $(echo "$after" | grep -c . || true)"
new=$(comm -13 <(echo "$before") <(echo "$after") | grep . || true)
if [ -n "$new" ]; then
	echo "FAIL new dtbs_check warnings:" >&2
	echo "$new" | sed 's/^/  /' >&2
	exit 1
fi
echo "ok no new warnings"
