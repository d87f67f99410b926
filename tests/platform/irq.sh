#!/usr/bin/env bash
# tests/platform/irq.sh - interrupts really flow, for every remote: in the
# guest (scenario irq), each remote in turn boots, crashes twice (wdog, fatal;
# recovered, and the test waits until each crash was handled: crash reported,
# remote booted again, running), stops; each of its five SPIs (pended by the
# EL3 double) must rise on its own line, at the SPI platform/ABI.md gives it,
# and the arch timer must tick. The remotes and their SPIs come from ABI.md's
# table, and the guest's KTAP must hold every one of them.
# TrustZone has a resource table (PAS_GET_RSCTABLE) for every remote but the
# ADSP (+rsc=table,adsp:none): each boot of cdsp0/1 and gpdsp0/1, the
# recoveries included, must have asked for it exactly once (the double's
# counters; on a track whose kernel asks at a start only, RSC_FETCH=start in
# track.conf as mainline's, once for the start and never for a recovery),
# while the ADSP falls back to its other source (6.12: qcom,devmem; the 7.3
# series: the SoC's match data) at every start, so both
# sources of device memory go through crash recovery in this one boot.
. "$(dirname "$0")/lib.sh"
bash "$ROOT/platform/ensure_inputs.sh" "$SERIES_KERNEL"

# ABI.md "Remote processors": | idx | name | compatible | pas_id | ... | first SPI |
map=$(awk '/^## Remote processors/ { t = 1; next }
	t && /^\| *[0-9]+ *\|/ { gsub(/ /, ""); n = split($0, f, "|"); printf "%s%s:%s", sep, f[3], f[n - 1]; sep = "," }
	t && /^## / { exit }' "$ROOT/platform/ABI.md")
nrem=$(tr ',' '\n' <<<"$map" | grep -c . || true)
[ "$nrem" -gt 0 ] || die "irq: no remote in platform/ABI.md's 'Remote processors' table"
t_plan 1
# (lib.sh's boot() names the run after the bootarg: the map's commas would
# end up in QEMU's -device loader,file= paths)
name=$(basename "$(kernel_dir "$SERIES_KERNEL")")-noqhee-irq
RC=0
mode=noqhee+rsc=table,adsp:none
OUT=$(PAS_QUIET=1 PAS_RUN_NAME=$name bash "$ROOT/platform/run.sh" "$SERIES_KERNEL" "$mode" irq \
	"pas.irqmap=$map" "pas.rsc_fetch=$RSC_FETCH" 2>&1) || RC=$?
NS=$LOGS/$name.ns.log SEC=$LOGS/$name.secure.log
OUT="$OUT
$(grep -av '^\[ *[0-9]*\.[0-9]*\]' "$NS" 2>/dev/null | tr -d '\r')"
echo "$OUT" | grep -aE '^(not )?ok|^# irq:' | t_diag
# every remote of the platform, six checks each, plus the timer
want=$((nrem * 6 + 1))
oks=$(grep -acE '^ok [0-9]+ ' <<<"$OUT" || true)
missing=
for e in ${map//,/ }; do
	n=${e%%:*}
	for kind in wdog fatal; do
		grep -aqE "^ok [0-9]+ $n: a $kind crash was handled" <<<"$OUT" || missing="$missing $n/$kind"
	done
	grep -aqE "^ok [0-9]+ $n: its own wdog, fatal, ready, handover, stop-ack" <<<"$OUT" || missing="$missing $n/irqs"
	# the ADSP has no table here (rsc none) and gets none; the others one per boot
	# (per start, RSC_FETCH=start: boots 0 -> 3, resource tables 0 -> 1)
	if [ "$n" = adsp ]; then rsc='TrustZone has no table for it \(rsc none\)'
	elif [ "$RSC_FETCH" = start ]; then rsc='boots ([0-9]+) -> ([0-9]+), resource tables ([0-9]+) -> ([0-9]+)$'
	else rsc='boots ([0-9]+) -> ([0-9]+), resource tables \1 -> \2$'; fi
	grep -aqE "^ok [0-9]+ $n: one resource table request per [a-z]+ .*# $rsc" <<<"$OUT" || missing="$missing $n/rsc"
done
what="all $nrem remotes ($map; $mode): crashes handled, each one's own interrupts delivered, one resource table per boot; arch_timer ticks"
if [ "$RC" -eq 0 ] && [ "$oks" -eq "$want" ] && [ -z "$missing" ]; then
	t_ok "$what"
else
	echo "# run rc $RC; $oks of $want checks passed; missing:${missing:- none}; logs $NS $SEC"
	t_not_ok "$what"
fi
t_exit
