#!/usr/bin/env bash
# Gate sample for checks/dtbs-check.sh, run in the kernel tree: a node with a
# compatible that no binding documents, on the track's first board
# (DTBS_BOARDS; the boards differ per track, so no one patch fits both).
set -euo pipefail
b=${DTBS_BOARDS%% *}
cat >>"arch/arm64/boot/dts/$b.dts" <<'DTS'

/ {
	gate-sample {
		compatible = "qcom,gate-sample-undocumented";
	};
};
DTS
