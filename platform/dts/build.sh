#!/usr/bin/env bash
# platform/dts/build.sh - generate the platform DTBs into build/platform/dts/:
#   qhee.dtb    QEMU's own DT + SA8775p additions (psci, scm, carveouts, PAS)
#   noqhee.dtb  qhee.dtb + el2.dtbo, applied with fdtoverlay as boot firmware would
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
tb python3 "$HERE/gen_nodes.py" "$ROOT/platform/ABI.md" >"$O/remoteprocs.dtsi"
cat >"$O/platform.dts" <<EOT
#include <dt-bindings/interrupt-controller/arm-gic.h>
#include "base.dts"
#include "$HERE/sa8775p-virt.dtsi"
#include "remoteprocs.dtsi"
EOT
dt_cpp "$O" "$O/platform.dts" >"$O/platform.pp.dts"
tb dtc -q -@ -I dts -O dtb -o "$O/qhee.dtb" "$O/platform.pp.dts"
tb fdtget -p "$O/qhee.dtb" /__symbols__ >"$O/symbols.txt"

# 3. The no-QHEE overlay, from the series when it has one.
series_dtso=$SERIES_SRC/$EL2_DTSO
if [ -f "$series_dtso" ]; then
	dt_cpp "$SERIES_SRC/arch/arm64/boot/dts/qcom" "$series_dtso" >"$O/series-el2.pp.dtso"
	tb python3 "$HERE/gen_overlay.py" series "$O/series-el2.pp.dtso" "$O/symbols.txt" >"$O/el2.dtso"
	echo "series: $series_dtso ($(git -C "$SERIES_SRC" rev-parse --short HEAD 2>/dev/null || echo '?'))" >"$O/overlay-source.txt"
else
	tb python3 "$HERE/gen_overlay.py" placeholder "$ROOT/platform/ABI.md" "$O/symbols.txt" >"$O/el2.dtso"
	echo "placeholder: ABI.md ($series_dtso not found)" >"$O/overlay-source.txt"
	say "dts: no $series_dtso yet; no-QHEE overlay is the ABI.md placeholder"
fi
tb dtc -q -@ -I dts -O dtb -o "$O/el2.dtbo" "$O/el2.dtso"
tb fdtoverlay -i "$O/qhee.dtb" -o "$O/noqhee.dtb" "$O/el2.dtbo"
say "dts: $O/{qhee,noqhee}.dtb (overlay from $(cut -d: -f1 "$O/overlay-source.txt"))"
