#!/usr/bin/env bash
# kbuild.sh SRC CONFIG OUT [make args...]
# Configure (allnoconfig + our fragments, via the kernel's merge_config.sh)
# when the fragments changed, then run make with ccache in the toolbox.
# CONFIG is one of: builtin, modules, debug.
. "$(dirname "$0")/lib.sh"

src=$(realpath "$1") cfg=$2 out=$(realpath -m "$3")
shift 3
F=$ROOT/kernel/configs
case $cfg in
builtin) frags="$F/platform.config $F/el2-host.config $F/series.config" ;;
modules) frags="$F/platform.config $F/el2-host.config $F/series.config $F/modules.config" ;;
debug)	# + the series' KUnit suite (track.conf KUNIT_RUN=boot; run by tests/kunit.sh)
	frags="$F/platform.config $F/el2-host.config $F/series.config $F/debug.config"
	[ "${KUNIT_RUN:-}" != boot ] || [ ! -f "$src/$KUNITCONFIG" ] ||
		frags="$frags $F/kunit.config $src/$KUNITCONFIG" ;;
*) die "unknown config '$cfg' (builtin, modules, debug)" ;;
esac
# what only this track's base needs (series/<track>/kernel.config)
[ -f "$TRACK_DIR/kernel.config" ] && frags="$frags $TRACK_DIR/kernel.config"
[ -n "${PAS_EXTRA_CONFIG:-}" ] && frags="$frags $PAS_EXTRA_CONFIG"

# ccache keys on paths relative to the folder holding both the tree and its
# output (the <dir>/linux + <dir>/out-<config> geometry), wherever it is
base=$(dirname "$(dirname "$src")")
case $out in "$base"/*) export PAS_CCACHE_BASEDIR=$base ;; *) unset PAS_CCACHE_BASEDIR ;; esac
# Output folders outlive a run (lib.sh KWORK): one whose last build was
# killed (not failed: kbuild deletes a failed target) may hold truncated
# objects newer than their sources, so it starts afresh.
if [ -e "$out/.pas-building" ]; then
	say "kbuild: the last build in $out was interrupted; starting it afresh"
	rm -rf "$out"
fi
mkdir -p "$out"
want=$(cat $frags | sha256sum | cut -c1-16)
MK=(make -C "$src" O="$out" -j"$(nproc)" CC="ccache aarch64-linux-gnu-gcc")
if [ "$(cat "$out/.pas-config" 2>/dev/null)" != "$want" ] || [ ! -f "$out/.config" ]; then
	tb "${MK[@]}" -s allnoconfig >/dev/null
	# shellcheck disable=SC2086
	tb env KCONFIG_CONFIG="$out/.config" "$src/scripts/kconfig/merge_config.sh" \
		-m -O "$out" "$out/.config" $frags >"$out/merge_config.log"
	tb "${MK[@]}" -s olddefconfig >/dev/null
	# Every symbol a fragment asks for (the last fragment to name it wins;
	# "is not set" counts as =n) must survive olddefconfig.
	missing=$(cat $frags | sed -n 's/^\(CONFIG_[A-Z0-9_]*\)=\(.*\)/\1=\2/p; s/^# \(CONFIG_[A-Z0-9_]*\) is not set/\1=n/p' |
		tac | sort -s -t= -k1,1 -u | while read -r l; do
			case $l in
			*=n) ! grep -q "^${l%=n}=" "$out/.config" || echo "$l" ;;
			*) grep -qx "$l" "$out/.config" || echo "$l" ;;
			esac
		done)
	[ -z "$missing" ] || die "config '$cfg': not in final .config: $missing"
	echo "$want" >"$out/.pas-config"
fi
[ $# -eq 0 ] && exit 0
touch "$out/.pas-building"
rc=0
tb "${MK[@]}" "$@" || rc=$?
# (a failed make leaves a consistent folder: kbuild deletes what it did not finish)
rm -f "$out/.pas-building"
exit $rc
