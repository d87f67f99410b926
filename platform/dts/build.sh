#!/usr/bin/env bash
# platform/dts/build.sh - generate the platform DTBs into build/platform/dts/:
#   qhee.dtb    QEMU's own DT + SA8775p additions (psci, scm, carveouts, PAS)
#   noqhee.dtb  qhee.dtb + el2.dtbo, applied with fdtoverlay as boot firmware would
#   qhee+dtb.dtb, noqhee+dtb.dtb  the same for the DTB profile (ABI.md): cdsp0
#               replaced by the x1e80100-class CDSP with a DTB image
# el2.dtbo is generated from the series' sa8775p-el2.dtso in the tree
# PAS_SERIES_SRC (default build/linux), else from ABI.md (placeholder).
. "$(dirname "$0")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"

HERE=$ROOT/platform/dts
SERIES_SRC=${PAS_SERIES_SRC:-$KSRC}
# Any tree gives the dt-bindings headers the platform DT itself needs.
INC_SRC=$SERIES_SRC
[ -d "$INC_SRC/scripts/dtc/include-prefixes" ] || INC_SRC=$BUILD/linux-base
[ -d "$INC_SRC/scripts/dtc/include-prefixes" ] || die "no kernel tree for dt-bindings (build/linux or build/linux-base)"
O=$DTS_OUT
mkdir -p "$O"

# As the kernel preprocesses DT sources (scripts/Makefile.lib, dtc_cpp_flags).
dt_cpp() { tb cpp -nostdinc -I "$INC_SRC/scripts/dtc/include-prefixes" -I "$1" -undef -D__DTS__ -x assembler-with-cpp -P "$2"; }

# 1. QEMU's DT, dumped with the machine options of every run, -bios included
#    (with firmware loaded, virt swaps the NS PL061 for the ACPI GED).
bios=$FW_BIN
if [ ! -f "$bios" ]; then
	bios=$O/placeholder-bios.bin
	head -c 4096 /dev/zero >"$bios"
	say "dts: $FW_BIN not built yet; dumping with a placeholder -bios (same DT)"
fi
tb qemu-system-aarch64 "${QEMU_MACHINE[@]}" -bios "$bios" \
	-machine dumpdtb="$O/virt.dtb" >/dev/null
tb dtc -q -I dtb -O dts -o "$O/virt.dts" "$O/virt.dtb"

# 2. The platform DT = QEMU's DT (labelled) + our additions.
tb python3 "$HERE/prep_virt.py" "$O/virt.dts" >"$O/base.dts"
# platform_dtb PROFILE SUFFIX: qhee$SUFFIX.dtb and its labels (symbols$SUFFIX.txt)
platform_dtb() {
	tb python3 "$HERE/gen_nodes.py" "$ROOT/platform/ABI.md" $1 >"$O/remoteprocs$2.dtsi"
	cat >"$O/platform$2.dts" <<EOT
#include <dt-bindings/interrupt-controller/arm-gic.h>
#include "base.dts"
#include "$HERE/sa8775p-virt.dtsi"
#include "remoteprocs$2.dtsi"
EOT
	dt_cpp "$O" "$O/platform$2.dts" >"$O/platform$2.pp.dts"
	tb dtc -q -@ -I dts -O dtb -o "$O/qhee$2.dtb" "$O/platform$2.pp.dts"
	tb fdtget -p "$O/qhee$2.dtb" /__symbols__ >"$O/symbols$2.txt"
}
platform_dtb "" ""
platform_dtb dtb +dtb

# 3. The no-QHEE overlay, from the series when it has one.
series_dtso=$SERIES_SRC/$EL2_DTSO
if [ -f "$series_dtso" ]; then
	dt_cpp "$SERIES_SRC/arch/arm64/boot/dts/qcom" "$series_dtso" >"$O/series-el2.pp.dtso"
	tb python3 "$HERE/gen_overlay.py" series "$O/series-el2.pp.dtso" "$O/symbols.txt" >"$O/el2.dtso"
	tb python3 "$HERE/gen_overlay.py" series "$O/series-el2.pp.dtso" "$O/symbols+dtb.txt" \
		dtb "$ROOT/platform/ABI.md" >"$O/el2+dtb.dtso"
	echo "series: $series_dtso ($(git -C "$SERIES_SRC" rev-parse --short HEAD 2>/dev/null || echo '?'))" >"$O/overlay-source.txt"
else
	tb python3 "$HERE/gen_overlay.py" placeholder "$ROOT/platform/ABI.md" "$O/symbols.txt" >"$O/el2.dtso"
	tb python3 "$HERE/gen_overlay.py" placeholder "$ROOT/platform/ABI.md" "$O/symbols+dtb.txt" dtb >"$O/el2+dtb.dtso"
	echo "placeholder: ABI.md ($series_dtso not found)" >"$O/overlay-source.txt"
	say "dts: no $series_dtso yet; no-QHEE overlay is the ABI.md placeholder"
fi
for v in "" +dtb; do
	tb dtc -q -@ -I dts -O dtb -o "$O/el2$v.dtbo" "$O/el2$v.dtso"
	tb fdtoverlay -i "$O/qhee$v.dtb" -o "$O/noqhee$v.dtb" "$O/el2$v.dtbo"
done
say "dts: $O/{qhee,noqhee}{,+dtb}.dtb (overlay from $(cut -d: -f1 "$O/overlay-source.txt"))"
