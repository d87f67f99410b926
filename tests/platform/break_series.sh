#!/usr/bin/env bash
# tests/platform/break_series.sh devmem|bridge|carveout
# Prove the platform catches a broken series: build the series kernel with one
# deliberate bug, boot it in no-QHEE mode, and expect the A/B "series runs"
# check to FAIL. Works on the throw-away checkout build/linux-test (restored
# afterwards) and its own O= dir, seeded from build/out/test-builtin so the
# rebuild is incremental. Exit 0 when the platform caught the bug.
#   devmem    skip mapping the qcom,devmem windows (ADSP must be refused)
#   bridge    leave the carveout's SHM bridge behind after auth (audit must see it)
#   carveout  skip the carveout's identity mapping (all five must be refused)
. "$(dirname "$0")/lib.sh"

kind=${1:-devmem}
src=$BUILD/linux-test
f=$src/drivers/remoteproc/qcom_q6v5_pas.c
out=$BUILD/out/broken-$kind
case $kind in
devmem) from='ret = qcom_map_devmem(domain, pas->devmem);' to='ret = 0; /* BROKEN ON PURPOSE: devmem not mapped */' ;;
bridge) from='qcom_tzmem_shm_bridge_delete(handle);' to='/* BROKEN ON PURPOSE: bridge left behind */' ;;
carveout) from='ret = qcom_map_carveout(domain, pas->mem_phys, pas->mem_size);' to='ret = 0; /* BROKEN ON PURPOSE: carveout not mapped */' ;;
*) die "usage: break_series.sh devmem|bridge|carveout" ;;
esac
[ -f "$BUILD/out/test-builtin/vmlinux" ] || die "build the series kernel in build/out/test-builtin first"
grep -qF "$from" "$f" || die "the series no longer has '$from' in $f: update this script"

[ -d "$out" ] || cp -a "$BUILD/out/test-builtin" "$out"
trap 'git -C "$src" checkout -q -- drivers/remoteproc/qcom_q6v5_pas.c' EXIT
sed -i "s|$(printf '%s' "$from" | sed 's/[][\.*^$|]/\\&/g')|$to|" "$f"
git -C "$src" diff --stat | t_diag
bash "$ROOT/scripts/kbuild.sh" "$src" builtin "$out" Image >"$LOGS/broken-$kind-build.log" 2>&1 ||
	die "build failed: $LOGS/broken-$kind-build.log"
git -C "$src" checkout -q -- drivers/remoteproc/qcom_q6v5_pas.c

t_plan 1
boot "$out" noqhee ab pas.expect=running
echo "$OUT" | grep -aE '^(not )?ok|verdict: .*REFUSED|after stop' | t_diag
if [ "$RC" -ne 0 ]; then t_ok "the platform catches a series with '$kind' broken (run failed as it must)"
else t_not_ok "the platform did NOT catch a series with '$kind' broken"; fi
t_exit
