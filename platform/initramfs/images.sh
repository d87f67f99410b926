#!/usr/bin/env bash
# platform/initramfs/images.sh DIR - one MBN per remote, written by the
# double's mkmdt, named as the PAS driver asks for them (qcom/sa8775p/<name>.mbn),
# for the remotes of both platform profiles (ABI.md); a remote with a DTB image
# also gets <name>_dtb.mbn in its DTB carveout (mkmdt --remote <name>/dtb).
# gpdsp1's image is relocatable so MEM_SETUP is exercised too.
. "$(dirname "$0")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"
dir=$1
mkdir -p "$dir"
for n in $(tb python3 -c "
import sys; sys.path.insert(0, '$ROOT/platform/dts')
from abi_table import remotes
rs = remotes('$ROOT/platform/ABI.md') + remotes('$ROOT/platform/ABI.md', 'dtb')
print(' '.join(dict.fromkeys(r['name'] + ('/dtb' if r.get('dtb_size') else '') for r in rs)))"); do
	extra=()
	[ "$n" = gpdsp1 ] && extra=(--relocatable)
	case $n in
	*/dtb)	# the main image, then the DTB image
		tb "$MKMDT" -o "$dir/${n%/dtb}.mbn" --remote "${n%/dtb}"
		tb "$MKMDT" -o "$dir/${n%/dtb}_dtb.mbn" --remote "$n" ;;
	*) tb "$MKMDT" -o "$dir/$n.mbn" --remote "$n" "${extra[@]}" ;;
	esac
done
