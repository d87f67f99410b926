#!/usr/bin/env bash
# tests/faults/baddt.sh [CASE...] - the device-tree and TrustZone-table
# matrix: the cases of tests/faults/dt/*.dtso (noqhee.dtb + the case
# overlay, no-QHEE mode unless "// mode:" says otherwise, e.g. a resource
# table from TrustZone with +rsc=); one boot per DTB: cases that differ only
# in TrustZone's table run one after the other in one boot. A case passes when the guest (scenario
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
mkdir -p "$res" "$FDT"

# one_group CASE...: boot the cases (one DTB, one boot); write $res/CASE for
# each: '#' detail lines, "RESULT ok|not ok TEXT", "FACTS leaks warnings
# boots early" (the boot's figures on its first case) and "EARLY first"
one_group() {
	local first=$1 c src mode remote rprocs expect list= name i=0
	if [ ! -f "$FDT/$first.dtb" ]; then
		{ echo "RESULT not ok the overlay does not build: $(head -1 "$FDT/$first.err")"
		  echo "FACTS 0 0 0 0"; } >"$res/$first"
		return
	fi
	src=$FAULTS/dt/$first.dtso
	rprocs=$(f_dt_field "$src" rprocs) expect=$(f_dt_field "$src" expect)
	[ -n "$rprocs" ] || rprocs=$([ "$expect" = probe-fail ] && echo 4 || echo 5)
	for c in "$@"; do
		src=$FAULTS/dt/$c.dtso remote=$(f_dt_field "$src" remote) mode=$(f_dt_field "$src" mode)
		list+=,$c/$(f_dt_field "$src" expect)/$remote/$(printf '%#x' "$(rsc_value "${mode:-noqhee}")")
	done
	name=baddt-$first
	[ $# = 1 ] || name=$name-and-$(($# - 1))-more
	# (f_boot's) each case after the first starts and stops five remotes more
	local FAULTS_TIMEOUT=$((FAULTS_TIMEOUT + 40 * ($# - 1)))
	mode=$(f_dt_field "$FAULTS/dt/$first.dtso" mode)
	f_boot "$name" "${mode:-noqhee}" "$FDT/$first.dtb" pas.faults=baddt pas.cases="${list#,}" \
		pas.rprocs="$rprocs"
	# each case's part of the console: after the previous case's end (the
	# first: from the start, the probe's messages are the first case's; its
	# kernel reports count from userspace on, the earlier ones are the boot
	# line's), up to its own end (the last: to the end of the log)
	local from to msg absent why found r log nw multi=
	[ $# = 1 ] || multi=1
	from=$(grep -an -m1 'Run /' "$NS" | cut -d: -f1 || true)
	for c in "$@"; do
		i=$((i + 1))
		src=$FAULTS/dt/$c.dtso
		expect=$(f_dt_field "$src" expect) msg=$(f_dt_field "$src" message) absent=$(f_dt_field "$src" absent)
		to=$(grep -an -m1 "faults: case $c end" "$NS" | cut -d: -f1 || true)
		[ "$i" -lt $# ] && [ -n "$to" ] || to=$(wc -l <"$NS")
		log=$FOUT/run/$name/$c.console
		if [ $i = 1 ]; then head -n "$to" "$NS"; else sed -n "$((${from:-0} + 1)),${to}p" "$NS"; fi |
			tr -d '\r' >"$log"
		{
			# its own lines (the guest's "# baddt: case C ..." begins them), the
			# boot's kmemleak check with the first
			awk -v c="$c" -v first=$((i == 1)) '/^# baddt: case / { on = ($4 == c) }
				(on && /^# (baddt|dmesg|warn):/) || (first && /^# leak/)' <<<"$OUT" | sed 's/^# /#   /'
			r=$(sed -n "s/^# baddt-result: $c: //p" <<<"$OUT" | tail -1)
			why=
			case $RC in
			124 | 125 | 126) why="; $(f_why)" ;;
			*) case $r in
				"ok "*) ;;
				"not ok "*) why="; ${r#not ok }" ;;
				*) why="; no result from the guest for this case ($(f_why))" ;;
				esac ;;
			esac
			found=
			if [ -n "$msg" ]; then
				found=$(grep -aE -m1 "$msg" "$log" | sed 's/^\[ *[0-9.]*\] //' || true)
				[ -n "$found" ] || why="$why; no console message matching '$msg' in its part of the console"
			fi
			nw=$( { if [ $i = 1 ] && [ -n "$from" ]; then tail -n +"$((from + 1))" "$log"; else cat "$log"; fi; } |
				grep -acE "$F_WARN_RE" || true)
			[ "$nw" = 0 ] || why="$why; $nw kernel reports on the console, first: $(grep -aE -m1 "$F_WARN_RE" "$log" | cut -c1-160)"
			if [ -n "$absent" ] && grep -aqE "$absent" "$log"; then
				why="$why; console has '$absent': $(grep -aE -m1 "$absent" "$log" | cut -c1-120)"
			fi
			if [ -z "$why" ]; then
				echo "RESULT ok ${WALL}s${multi:+ (boot $name)} $expect: ${found:+\"$found\"; }${r#ok }"
			else
				echo "RESULT not ok ${WALL}s ${why#; } (log $NS)"
			fi
			if [ $i = 1 ]; then
				echo "FACTS ${FIG[leaks]} ${FIG[warnings]} 1 $F_EARLY_WARN"
				echo "EARLY $F_EARLY_FIRST"
			else
				echo "FACTS 0 0 0 0"
			fi
		} >"$res/$c"
		from=$to
	done
}

# Cases whose DTB and mode but TrustZone's table are the same share a boot
# (the guest writes each case's rsc word to the double before it, ABI.md
# PASD_RSC); a probe-fail case boots alone.
declare -A group ck
order=()
# in a shared boot, "// order: N ..." (default 50) first: a message the kernel
# prints once per device must come from the case that runs first
mapfile -t cases < <(for c in "${cases[@]}"; do
	o=$(f_dt_field "$FAULTS/dt/$c.dtso" order); o=${o%% *}
	echo "${o:-50} $c"
done | sort -k1,1n -k2,2 | cut -d' ' -f2)
for c in "${cases[@]}"; do
	src=$FAULTS/dt/$c.dtso mode=$(f_dt_field "$FAULTS/dt/$c.dtso" mode)
	mode=${mode:-noqhee} basedtb=$NOQHEE_DTB
	case $mode in *+dtb*) basedtb=$NOQHEE_DTBPROF_DTB ;; esac
	if f_dtb "$src" "$FDT/$c.dtb" "$basedtb" 2>"$FDT/$c.err"; then
		k=$( { sha256sum <"$FDT/$c.dtb"; echo "${mode%%+rsc=*}" "$(f_dt_field "$src" rprocs)"
			if [ "$(f_dt_field "$src" expect)" = probe-fail ]; then echo "$c"; fi; } | sha256sum | cut -c1-16)
	else
		rm -f "$FDT/$c.dtb"
		k=$c
	fi
	[ -n "${group[$k]:-}" ] || order+=("$k")
	group[$k]+=" $c" ck[$c]=$k
done
for k in "${order[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
	# shellcheck disable=SC2086
	one_group ${group[$k]} >"$res/$k.out" 2>"$res/$k.err" &
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
	*) t_not_ok "baddt/$c # no result (stderr: $(tail -n1 "$res/${ck[$c]}.err" 2>/dev/null))" ;;
	esac
done
f_boot_line baddt "$early" "$early_first"
f_summary
[ "$T_FAIL" -eq 0 ]
