#!/usr/bin/env bash
# tests/platform/abc.sh - the mainline track's A/B/C: unpatched 7.3 (base)
# and 7.3 + our series, on one platform, same DT (the tree's own
# lemans-el2.dtso: iommus only).
#  0. TrustZone with resource tables, no-QHEE: both start and stop all five
#     (unpatched mainline judged by the double, with nothing of ours in it).
#  A. old TrustZone (+rsc=none, PAS_GET_RSCTABLE answers -1): unpatched 7.3
#     fails every remote with mainline's "Error in getting resource table:
#     -5" before auth; with the series all five boot through the fallback.
#  B. hostile TrustZone (ADSP: success with a size 64 KiB beyond the buffer):
#     unpatched 7.3 copies past its tzmem buffer into the vmalloc guard page
#     (an oops in kmemdup called from the resource-table call: the over-read,
#     deterministic); with the series the ADSP start fails with a clean
#     error, on the KASAN kernel, with no report.
#  B+. the double's other hostile tables (num, offset, overlap, carveout, ram,
#     reserved): the series fails the ADSP naming the entry; a too small
#     buffer is retried once.
#  C. QHEE mode: both run all five, as before. C'. QHEE mode with the EL2
#     overlay (+el2dt: iommus while Linux runs at EL1): unpatched 7.3
#     programs streams the hypervisor owns and is refused on all five; the
#     series fails every probe saying why, and nothing reaches TrustZone.
#  0. also the DTB profile (platform/ABI.md: cdsp0 replaced by an
#     x1e80100-class CDSP whose DTB image is authenticated first).
#  D. TrustZone fails one PAS shutdown of the ADSP (the double's fault
#     injection, then the scenario stops again): unpatched 7.3 unmaps the
#     carveout of a remote that may still run (the double sees it fault at
#     the retried shutdown) and unmaps it again (an io-pgtable WARNING); the
#     series (4/10) keeps it mapped until the retried stop.
# KTAP on stdout; exit 0 when all hold.
. "$(dirname "$0")/lib.sh"
bash "$ROOT/platform/ensure_inputs.sh" "$BASE_KERNEL" "$SERIES_KERNEL"
DEBUG_KERNEL=${FAULTS_KOUT:-$SERIES_KERNEL}

# what the series says (its messages; a change of wording is a change here)
FALLBACK_MSG='no resource table from TrustZone \(-(5|95)\), using [0-9]+ device memory windows of the SoC'
OVERSIZE_MSG='PAS 1: resource table of [0-9]+ bytes in a buffer of 16384 bytes'
EL1_MSG='iommus is set, but Linux does not own EL2'

t_plan 21
# judge DESC OK WHY: t_ok DESC when OK is 0, else WHY, the guest's verdict
# lines and the logs of the last boot, and t_not_ok DESC
judge() {
	if [ "$2" -eq 0 ]; then
		t_ok "$1"
	else
		echo "$OUT" | grep -aE '^not ok|verdict:|start failed|^run:' | t_diag || true
		echo "# run rc $RC${3:+, $3}; logs $NS $SEC"
		t_not_ok "$1"
	fi
}
running() { # KERNEL MODE LABEL
	boot "$1" "$2" ab pas.expect=running
	el_ok "$2" && [ "$RC" -eq 0 ] && ok=0 || ok=1
	judge "$3: all five offline -> running -> offline" $ok "$EL_WHY"
}

running "$BASE_KERNEL" noqhee "0. unpatched 7.3, no-QHEE, TrustZone tables"
running "$SERIES_KERNEL" noqhee "0. 7.3 + series, no-QHEE, TrustZone tables"

# A. old TrustZone
boot "$BASE_KERNEL" noqhee+rsc=none ab pas.expect=failed
n=$(grep -ac 'Error in getting resource table: -5' "$NS" || true)
[ "$RC" -eq 0 ] && [ "$n" -ge 5 ] && ok=0 || ok=1
judge "A. unpatched 7.3, old TrustZone: all five fail before auth with mainline's message (expected)" $ok \
	"'Error in getting resource table: -5' $n times (want 5)"
boot "$SERIES_KERNEL" noqhee+rsc=none ab pas.expect=running
n=$(grep -acE "$FALLBACK_MSG" "$NS" || true)
el_ok noqhee && [ "$RC" -eq 0 ] && [ "$n" -ge 5 ] && ok=0 || ok=1
judge "A. 7.3 + series, old TrustZone: all five run on the SoC's windows (fallback logged)" $ok \
	"${EL_WHY:+$EL_WHY, }fallback message '$FALLBACK_MSG' $n times (want 5)"

# B. hostile TrustZone: the over-read, as the oops shows it (the double's
# scm node is dma-noncoherent, as the SoC's: the pool buffer is vmapped and
# the first byte past it is a guard page)
boot "$BASE_KERNEL" noqhee+rsc=adsp:size ab pas.expect=failed pas.remotes=adsp
echo "# double: $(grep -ao 'claims 0x[0-9a-f]* bytes for the 0x[0-9a-f]* byte buffer' "$SEC" | head -1)"
grep -aE 'Unable to handle kernel paging request|pc : |lr : ' "$NS" | sed 's/^\[ *[0-9.]*\] //' | t_diag || true
[ "$RC" -eq 125 ] && grep -aq 'Unable to handle kernel paging request' "$NS" &&
	grep -aq 'lr : kmemdup_noprof' "$NS" && grep -aq ' __qcom_scm_pas_get_rsc_table2+' "$NS" && ok=0 || ok=1
judge "B. unpatched 7.3, hostile size: copies past its tzmem buffer (oops in kmemdup from __qcom_scm_pas_get_rsc_table2; expected)" $ok \
	"want 125: the oops"
boot "$DEBUG_KERNEL" noqhee+rsc=adsp:size ab pas.expect=failed pas.remotes=adsp
n=$(grep -acE "$OVERSIZE_MSG" "$NS" || true)
grep -aE 'BUG: KASAN|Unable to handle' "$NS" | head -3 | t_diag || true
[ "$RC" -eq 0 ] && [ "$n" -ge 1 ] && ! grep -aqE 'BUG: KASAN|Unable to handle' "$NS" && ok=0 || ok=1
judge "B. 7.3 + series (KASAN), hostile size: the ADSP fails cleanly, no report" $ok "'$OVERSIZE_MSG' $n times"

# B+. every other hostile table of the double (the 7.3 series validates
# TrustZone's table before the core maps it: unpatched 7.3 trusts it): the
# ADSP's start fails naming the entry, nothing is left behind; "small" (a
# buffer too small, then the size asked for) boots
for kind in num offset overlap carveout ram reserved; do
	boot "$SERIES_KERNEL" "noqhee+rsc=adsp:$kind" ab pas.expect=failed pas.remotes=adsp
	msg=$(grep -aoE 'resource table (entry [0-9]+: [^,]*|of [0-9]+ bytes [^,]*|header[^,]*)' "$NS" | head -1)
	[ "$RC" -eq 0 ] && [ -n "$msg" ] && ok=0 || ok=1
	judge "B+. 7.3 + series, hostile table '$kind': the ADSP fails naming it (${msg:-no message}), nothing left" $ok
done
boot "$SERIES_KERNEL" noqhee+rsc=adsp:small ab pas.expect=running pas.remotes=adsp
[ "$RC" -eq 0 ] && ok=0 || ok=1
judge "B+. 7.3 + series, TrustZone asks for a larger buffer: one retry, the ADSP runs" $ok

# C. QHEE: nothing of the EL2 path runs
running "$BASE_KERNEL" qhee "C. unpatched 7.3, QHEE"
running "$SERIES_KERNEL" qhee "C. 7.3 + series, QHEE"
# C'. the EL2 overlay on a board that boots the hypervisor (iommus at EL1)
boot "$BASE_KERNEL" qhee+el2dt ab pas.expect=refused
n=$(grep -ac 'REFUSED' "$SEC" || true)
echo "# secure UART: $n REFUSED lines, e.g.: $(grep -a -m1 'REFUSED' "$SEC")"
el_ok qhee && [ "$RC" -eq 0 ] && [ "$n" -ge 5 ] && ok=0 || ok=1
judge "C'. unpatched 7.3, QHEE with the EL2 overlay: programs streams the hypervisor owns, refused on all five (expected)" $ok \
	"$EL_WHY"
boot "$SERIES_KERNEL" qhee+el2dt noprobe pas.rprocs=0
n=$(grep -ac "$EL1_MSG" "$NS" || true)
calls=$(grep -acE ': (init_image|get_rsctable)' "$SEC" || true)
el_ok qhee && [ "$RC" -eq 0 ] && [ "$n" -ge 5 ] && [ "$calls" -eq 0 ] && ok=0 || ok=1
judge "C'. 7.3 + series, QHEE with the EL2 overlay: every probe fails saying Linux does not own EL2, nothing reaches TrustZone" $ok \
	"${EL_WHY:+$EL_WHY, }'$EL1_MSG' $n times (want 5), PAS calls seen by the double $calls"
# D. a failed shutdown
boot "$BASE_KERNEL" noqhee inject pas.inject=scm:shutdown
echo "# double: $(grep -aoE 'FAULTED: carveout [^(]*' "$SEC" | head -1)"
grep -aE 'WARNING: ' "$NS" | head -1 | sed 's/^\[ *[0-9.]*\] //' | t_diag || true
grep -aq 'FAULTED: carveout 0x95c00000+0x1e00000 not mapped' "$SEC" &&
	grep -aqE 'WARNING: .*io-pgtable' "$NS" && ok=0 || ok=1
judge "D. unpatched 7.3, a failed shutdown: the carveout goes while the ADSP may run (it faults) and the retried stop unmaps it again (io-pgtable WARNING; expected)" $ok
boot "$SERIES_KERNEL" noqhee inject pas.inject=scm:shutdown
[ "$RC" -eq 0 ] && ! grep -aq 'FAULTED' "$SEC" && ! grep -aqE "$PAS_WARN_RE" "$NS" && ok=0 || ok=1
judge "D. 7.3 + series, a failed shutdown: the carveout stays mapped until the retried stop; no fault, no kernel report" $ok
running "$BASE_KERNEL" noqhee+dtb "0. unpatched 7.3, no-QHEE, DTB profile (x1e80100-class CDSP: DTB image first)"
running "$SERIES_KERNEL" noqhee+dtb "0. 7.3 + series, no-QHEE, DTB profile (x1e80100-class CDSP: DTB image first)"
t_exit
