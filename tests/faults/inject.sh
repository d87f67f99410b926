#!/usr/bin/env bash
# tests/faults/inject.sh - a fault at every step of a remoteproc start (guest
# scenario inject, one KTAP line per case), in two boots:
#  1. no-QHEE mode, the platform DTB of the DTB profile (noqhee+dtb): the
#     double's PASD_INJECT at init_image,
#     mem_setup (gpdsp1, the relocatable image), SHM bridge create,
#     auth_and_reset (two statuses), bridge delete, the ready timeout (remote
#     silent) and shutdown; then an IOMMU page-table allocation failing
#     inside iommu_map() (fail_page_alloc + stack-trace filter), at each
#     allocation a start makes (carveout, devmem entry 0); then the DTB-image
#     remote cdsp-dtb: its DTB image's init_image, bridge, auth_and_reset and
#     shutdown, the main image's auth_and_reset after it, and the iommu_map
#     allocation failures of its start (main carveout, DTB carveout);
#  2. no-QHEE mode with the double's +spread variant, devmem-spread.dtso: the same map faults with windows in other
#     2 MiB/1 GiB regions, so the failure hits part-way through the devmem
#     table (entries 18 and 19) and the rollback must unmap the 18 windows
#     mapped before it and the carveout; the windows come from TrustZone's
#     resource table this time (+rsc=table, the same 20 windows), which wins
#     over the overlay's.
# The host also checks that the double logged one INJECTED line per fault of
# boot 1 on its secure UART. The two boots run side by side.
. "$(dirname "$0")/lib.sh"
f_kernel
echo "KTAP version 1"

# in the DTB profile (cdsp0 replaced by the remote with a DTB image; the adsp
# and gpdsp1 cases are the same), so its DTB image's calls fail too (about
# 25 s more on an idle machine: room for a loaded one)
mkdir -p "$FDT"
f_dtb "$FAULTS/devmem-spread.dtso" "$FDT/devmem-spread.dtb"
FAULTS_TIMEOUT=$((FAULTS_TIMEOUT + 60)) f_boot_bg inject-noqhee noqhee+dtb "$NOQHEE_DTBPROF_DTB" \
	pas.faults=inject pas.inject=scm,map,dtb pas.mapremote=adsp
# no-QHEE with the double's +spread variant: it expects the overlay's two
# extra windows (entries 18, 19) for the ADSP, so its facts (PASD_EXPECT)
# already count their two leaves
f_boot_bg inject-spread noqhee+spread+rsc=table "$FDT/devmem-spread.dtb" pas.faults=inject pas.inject=map \
	pas.mapremote=adsp

f_boot_join inject-noqhee
grep -E '^# ' <<<"$OUT" | grep -v '^# fact:' | sed 's/^# /#   /'
f_guest_ktap noqhee
f_console noqhee
[ "$RC" = 0 ] || [ "$RC" = 1 ] || t_not_ok "noqhee # boot: $(f_why) (log $NS)"
want=$(grep -c '^# fact: injects=1$' <<<"$OUT" || true)
inj=$(grep -ac 'INJECTED' "$SEC" || true)
# every PASD_INJECT case fires exactly once (ready timeout: "remote silent")
if [ "$inj" = "$want" ]; then
	t_ok "noqhee/double_saw_every_fault # $inj INJECTED lines on the secure UART for $want cases"
else
	t_not_ok "noqhee/double_saw_every_fault # $inj INJECTED lines on the secure UART, $want cases (log $SEC)"
fi

f_boot_join inject-spread
grep -E '^# ' <<<"$OUT" | grep -v '^# fact:' | sed 's/^# /#   /'
f_guest_ktap spread
f_console spread
[ "$RC" = 0 ] || [ "$RC" = 1 ] || t_not_ok "spread # boot: $(f_why) (log $NS)"

echo "1..$T_N"
f_summary
[ "$T_FAIL" -eq 0 ]
