#!/usr/bin/env bash
# tests/faults/baddt.sh [CASE...] - the device-tree and TrustZone-table
# matrix: one boot per case of tests/faults/dt/*.dtso (noqhee.dtb + the case
# overlay, no-QHEE mode unless "// mode:" says otherwise, e.g. a resource
# table from TrustZone with +rsc=). A case passes when the guest (scenario
# baddt) saw what its header expects (probe-fail | refused | ignored |
# start-fail | runs), the double audits nothing mapped
# or bridged for the ADSP, the other four remoteprocs start and stop, no
# kernel report and no kmemleak report, AND the console holds the case's
# "// message:" (the entry and the reason) and none of its "// absent:".
# A case with "// mode: noqhee+dtb" and "// remote: cdsp-dtb" breaks the DTB
# profile's remote instead (noqhee+dtb.dtb + its overlay; ABI.md).
# "// rprocs: N": how many remoteprocs probe (default 4 for probe-fail, else 5).
# FAULTS_JOBS boots run at once (default 2: a boot keeps about one core busy
# and sleeps while its leaks age).
# KTAP on stdout, the figures in the last line ("# faults: ...").
. "$(dirname "$0")/lib.sh"
f_kernel
cases=("$@")
[ ${#cases[@]} -gt 0 ] || mapfile -t cases < <(ls "$FAULTS"/dt/*.dtso | xargs -n1 basename | sed 's/\.dtso$//')
jobs=${FAULTS_JOBS:-2}
res=$FOUT/baddt-results
rm -rf "$res"
mkdir -p "$res" "$FOUT/dt"

# one_case CASE: boot it; write $res/CASE: '#' detail lines, then
# "RESULT ok|not ok TEXT" and "FACTS leaks warnings"
one_case() {
	local c=$1 src=$FAULTS/dt/$1.dtso expect msg absent why found r mode remote basedtb rprocs
	expect=$(f_dt_field "$src" expect) msg=$(f_dt_field "$src" message) absent=$(f_dt_field "$src" absent)
	mode=$(f_dt_field "$src" mode) remote=$(f_dt_field "$src" remote) rprocs=$(f_dt_field "$src" rprocs)
	mode=${mode:-noqhee} basedtb=$NOQHEE_DTB
	case $mode in *+dtb*) basedtb=$NOQHEE_DTBPROF_DTB ;; esac
	[ -n "$rprocs" ] || rprocs=$([ "$expect" = probe-fail ] && echo 4 || echo 5)
	if ! f_dtb "$src" "$FOUT/dt/$c.dtb" "$basedtb" 2>"$FOUT/dt/$c.err"; then
		echo "RESULT not ok the overlay does not build: $(head -1 "$FOUT/dt/$c.err")"
		echo "FACTS 0 0 0 0"
		return
	fi
	f_boot "baddt-$c" "$mode" "$FOUT/dt/$c.dtb" pas.faults=baddt pas.case="$c" pas.expect="$expect" \
		${remote:+pas.remote=$remote} \
		pas.rprocs="$rprocs"
	grep -E '^# (baddt|dmesg|warn|leak)' <<<"$OUT" | sed 's/^# /#   /' || true
	r=$(sed -n 's/^# baddt-result: //p' <<<"$OUT" | tail -1)
	why=
	[ "$RC" = 0 ] || why="$why; $(f_why)${r:+: ${r#not ok }}"
	found=
	if [ -n "$msg" ]; then
		found=$(tr -d '\r' <"$NS" | grep -aE -m1 "$msg" | sed 's/^\[ *[0-9.]*\] //' || true)
		[ -n "$found" ] || why="$why; no console message matching '$msg'"
	fi
	[ "$F_CONSOLE_WARN" = 0 ] || why="$why; $F_CONSOLE_WARN kernel reports on the console, first: $F_CONSOLE_FIRST"
	if [ -n "$absent" ] && grep -aqE "$absent" "$NS"; then
		why="$why; console has '$absent': $(grep -aE -m1 "$absent" "$NS" | tr -d '\r' | cut -c1-120)"
	fi
	if [ -z "$why" ]; then
		echo "RESULT ok ${WALL}s $expect: ${found:+\"$found\"; }${r#ok }"
	else
		echo "RESULT not ok ${WALL}s ${why#; } (log $NS)"
	fi
	echo "FACTS ${FIG[leaks]} ${FIG[warnings]} 1 $F_EARLY_WARN"
	echo "EARLY $F_EARLY_FIRST"
}

for c in "${cases[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
	one_case "$c" >"$res/$c" 2>"$res/$c.err" &
done
wait

echo "KTAP version 1"
echo "1..$((${#cases[@]} + 1))"
early=0 early_first=
for c in "${cases[@]}"; do
	grep '^#' "$res/$c" || true
	line=$(sed -n 's/^RESULT //p' "$res/$c")
	read -r leaks warns boots e < <(sed -n 's/^FACTS //p' "$res/$c")
	early=$((early + ${e:-0}))
	[ -n "$early_first" ] || early_first=$(sed -n 's/^EARLY //p' "$res/$c")
	FIG[leaks]=$((FIG[leaks] + ${leaks:-0})) FIG[warnings]=$((FIG[warnings] + ${warns:-0})) FIG[boots]=$((FIG[boots] + ${boots:-0}))
	case $line in
	"ok "*) t_ok "baddt/$c # ${line#ok }" ;;
	"not ok "*) t_not_ok "baddt/$c # ${line#not ok }" ;;
	*) t_not_ok "baddt/$c # no result (stderr: $(tail -n1 "$res/$c.err" 2>/dev/null))" ;;
	esac
done
f_boot_line baddt "$early" "$early_first"
f_summary
[ "$T_FAIL" -eq 0 ]
