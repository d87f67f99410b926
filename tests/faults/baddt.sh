#!/usr/bin/env bash
# tests/faults/baddt.sh [CASE...] - the bad device-tree matrix: one boot per
# case of tests/faults/dt/*.dtso (noqhee.dtb + the case overlay, no-QHEE
# mode). A case passes when the guest (scenario baddt) saw what its header
# expects (probe-fail | refused | ignored), the double audits nothing mapped
# or bridged for the ADSP, the other four remoteprocs start and stop, no
# kernel warning and no kmemleak report, AND the console holds the case's
# "// message:" (the entry and the reason) and none of its "// absent:".
# KTAP on stdout, the figures in the last line ("# faults: ...").
. "$(dirname "$0")/lib.sh"
f_kernel
cases=("$@")
[ ${#cases[@]} -gt 0 ] || mapfile -t cases < <(ls "$FAULTS"/dt/*.dtso | xargs -n1 basename | sed 's/\.dtso$//')
echo "KTAP version 1"
echo "1..${#cases[@]}"
for c in "${cases[@]}"; do
	src=$FAULTS/dt/$c.dtso
	expect=$(f_dt_field "$src" expect) msg=$(f_dt_field "$src" message) absent=$(f_dt_field "$src" absent)
	mkdir -p "$FOUT/dt"
	if ! f_dtb "$src" "$FOUT/dt/$c.dtb" 2>"$FOUT/dt/$c.err"; then
		t_not_ok "baddt/$c # the overlay does not build: $(head -1 "$FOUT/dt/$c.err")"
		continue
	fi
	f_boot "baddt-$c" noqhee "$FOUT/dt/$c.dtb" pas.faults=baddt pas.case="$c" pas.expect="$expect" \
		pas.rprocs=$([ "$expect" = probe-fail ] && echo 4 || echo 5)
	grep -E '^# (baddt|dmesg|warn|leak)' <<<"$OUT" | sed 's/^# /#   /'
	res=$(sed -n 's/^# baddt-result: //p' <<<"$OUT" | tail -1)
	why=
	[ "$RC" = 0 ] || why="$why; $(f_why)${res:+: ${res#not ok }}"
	found=
	if [ -n "$msg" ]; then
		found=$(tr -d '\r' <"$NS" | grep -aE -m1 "$msg" | sed 's/^\[ *[0-9.]*\] //' || true)
		[ -n "$found" ] || why="$why; no console message matching '$msg'"
	fi
	[ "$F_CONSOLE_WARN" = 0 ] || why="$why; $F_CONSOLE_WARN kernel reports on the console, first: $(grep -aE -m1 "$F_WARN_RE" "$NS" | tr -d '\r' | cut -c1-120)"
	if [ -n "$absent" ] && grep -aqE "$absent" "$NS"; then
		why="$why; console has '$absent': $(grep -aE -m1 "$absent" "$NS" | tr -d '\r' | cut -c1-120)"
	fi
	if [ -z "$why" ]; then
		t_ok "baddt/$c # ${WALL}s $expect: ${found:+\"$found\"; }${res#ok }"
	else
		t_not_ok "baddt/$c # ${WALL}s ${why#; } (log $NS)"
	fi
done
f_summary
[ "$T_FAIL" -eq 0 ]
