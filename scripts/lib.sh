# shellcheck shell=bash
# Common paths and helpers for every script of the project. Source it.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Everything large or slow to rebuild lives outside the repo, so a fresh clone
# (CI) reuses the toolbox, the downloaded .deb, the pristine base and ccache.
CACHE=${PAS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/qcom-pas-el2}
TOOLBOX=$CACHE/toolbox
ts() { date -u +%H:%M:%S; }
say() { printf '[%s] %s\n' "$(ts)" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "$(ts)" "$*" >&2; exit 1; }

# The track: one pinned base and the series for it, as data in series/<track>/
# (base.pin, track.conf, patches/). PAS_TRACK picks it (make ... TRACK=...).
TRACKS=$(cd "$ROOT/series" && ls -d */ | tr -d / | paste -sd' ')
TRACK=${PAS_TRACK:-6.12-lts}
TRACK_DIR=$ROOT/series/$TRACK
[ -f "$TRACK_DIR/track.conf" ] || die "unknown track '$TRACK' (one of: $TRACKS)"
# shellcheck source=/dev/null
. "$TRACK_DIR/track.conf"
# shellcheck source=/dev/null
. <(grep -E '^[a-z0-9_]+=' "$TRACK_DIR/base.pin")
PRISTINE=$CACHE/base-$version-${sha256:0:12}
PATCHES=$TRACK_DIR/patches
# Per-checkout working state of the track (kernel trees, build dirs, logs),
# ignored by git; tracks never share an output folder.
BUILD=${PAS_BUILD:-$ROOT/build/$TRACK}
KSRC=$BUILD/linux
LOGS=$BUILD/logs
# The kernel trees the tests build (gate/, base/, mutants/: each <dir>/linux
# and its <dir>/out-<config>) outlive the checkout: kept in the cache per
# track and linked from build/<track>/, so a fresh clone finds them where the
# last run left them and kbuild recompiles only what changed (kbuild's .cmd
# files hold absolute paths: the same in every clone). Every checkout shares
# them, one run at a time (scripts/test-track.sh holds KWORK.lock); a private
# PAS_BUILD keeps its own.
KWORK=$BUILD
if [ -z "${PAS_BUILD:-}" ]; then
	KWORK=$CACHE/work/$TRACK
	for d in gate base mutants; do
		[ -e "$BUILD/$d" ] || { mkdir -p "$KWORK/$d" "$BUILD" && ln -sfn "$KWORK/$d" "$BUILD/$d"; }
	done
fi
# the series' KUnit suite, in both tracks' trees
KUNITCONFIG=drivers/remoteproc/tests/.kunitconfig

ARCH=arm64
CROSS_COMPILE=aarch64-linux-gnu-
export ARCH CROSS_COMPILE

mkdir -p "$CACHE" "$BUILD" "$LOGS"

# Run a command inside the Debian 13 toolbox, with the repo, the cache and the
# build folder visible at the same paths. A private mount namespace keeps the
# bind mounts from leaking into the host.
tb() {
	[ -x "$TOOLBOX/usr/bin/aarch64-linux-gnu-gcc" ] ||
		die "toolbox missing: run scripts/toolbox.sh (or 'make setup')"
	local cwd=$PWD
	unshare -m -- /bin/bash -euc '
		tb=$1 cwd=$2; shift 2
		mount -t proc proc "$tb/proc"
		mount --rbind /dev "$tb/dev"
		for d in "$ROOT_DIR" "$CACHE_DIR" "$BUILD_DIR"; do
			[ "${d#"$tb"}" = "$d" ] || continue
			mkdir -p "$tb$d"
			mount --bind "$d" "$tb$d"
		done
		exec chroot "$tb" /usr/bin/env -i \
			HOME=/root PATH=/usr/lib/ccache:/usr/local/bin:/usr/bin:/bin \
			LANG=C.UTF-8 TERM=dumb CCACHE_DIR="$CACHE_DIR/ccache" \
			CCACHE_MAXSIZE=5G CCACHE_BASEDIR="${PAS_CCACHE_BASEDIR:-$BUILD_DIR}" CCACHE_NOHASHDIR=1 KBUILD_BUILD_TIMESTAMP="$KBUILD_BUILD_TIMESTAMP" \
			KBUILD_BUILD_USER=pas KBUILD_BUILD_HOST=toolbox \
			ARCH=arm64 CROSS_COMPILE=aarch64-linux-gnu- \
			/bin/bash -c "cd \"\$0\" && exec \"\$@\"" "$cwd" "$@"
	' tb "$TOOLBOX" "$cwd" "$@"
}
export ROOT_DIR="$ROOT" CACHE_DIR="$CACHE" BUILD_DIR="$BUILD"
export KBUILD_BUILD_TIMESTAMP=${KBUILD_BUILD_TIMESTAMP:-"2025-01-01 00:00:00 UTC"}
