#!/usr/bin/env bash
# platform/initramfs/images.sh DIR - one MBN per remote, written by the
# double's mkmdt, named as the PAS driver asks for them (qcom/sa8775p/<name>.mbn).
# gpdsp1's image is relocatable so MEM_SETUP is exercised too.
. "$(dirname "$0")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"
dir=$1
mkdir -p "$dir"
for n in $(tb python3 -c "
import sys; sys.path.insert(0, '$ROOT/platform/dts')
from abi_table import remotes
print(' '.join(r['name'] for r in remotes('$ROOT/platform/ABI.md')))"); do
	extra=()
	[ "$n" = gpdsp1 ] && extra=(--relocatable)
	tb "$MKMDT" -o "$dir/$n.mbn" --remote "$n" "${extra[@]}"
done
