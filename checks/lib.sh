# shellcheck shell=bash
# Shared by the gate's checks. Each check is run as
#   bash checks/<name>.sh TREE RANGE
# TREE: a kernel git tree (the gate's own checkout), RANGE: e.g. base..HEAD.
# A check judges each patch in RANGE against its parent and exits non-zero
# with a reason on stderr when a patch is at fault.
. "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib.sh"

TREE=$(realpath "${1:?usage: $0 TREE RANGE}")
RANGE=${2:?usage: $0 TREE RANGE}
G=(git -C "$TREE")

# Kernel outputs sit beside the tree (TREE/../out-CFG): every tree has the same
# geometry, so ccache (CCACHE_BASEDIR) hits across trees and fresh clones.
out_dir() { echo "$(dirname "$TREE")/out-$1"; }
mk() { local cfg=$1; shift; bash "$ROOT/scripts/kbuild.sh" "$TREE" "$cfg" "$(out_dir "$cfg")" "$@"; }

commits() { "${G[@]}" rev-list --reverse "$RANGE"; }
subject() { "${G[@]}" log -1 --format=%s "$1"; }
touched() { "${G[@]}" diff --name-only "$1~1" "$1"; }
checkout() { "${G[@]}" checkout -q --force "$1"; }
label() { printf '%s %s' "$("${G[@]}" rev-parse --short=12 "$1")" "$(subject "$1")"; }

# dt_key REV WORDS...: what dtc and dt-schema read at REV (the DTS sources and
# their include prefixes under arch/ and include/dt-bindings/, the bindings,
# scripts/ with dtc, the top Makefile), the calling check, the configs and the
# toolbox, and WORDS, as a 16-digit key. The DT tools' output is a function
# of it: the checks keep their lists under it in $CACHE (as ccache keeps
# objects); the verdicts are computed each run.
dt_key() {
	local rev=$1 p
	shift
	{ for p in arch include/dt-bindings Documentation/devicetree scripts Makefile; do
		"${G[@]}" rev-parse "$rev:$p"
	  done
	  echo "$*"; cat "$0" "$ROOT"/kernel/configs/*.config "$TOOLBOX/.pas-toolbox-stamp"
	  cat "$TRACK_DIR"/kernel.config 2>/dev/null || true; } | sha256sum | cut -c1-16
}

# dt_kept NAME REV WORDS -- CMD...: CMD's output (a DT tool's findings at REV),
# kept in $CACHE/NAME/ under dt_key REV WORDS and run only for a new key
dt_kept() {
	local name=$1 rev=$2 key f
	key=$(dt_key "$rev" "$3") f=$CACHE/$name/$key
	shift 4
	echo "$name at $(label "$rev"): DT inputs key $key$([ -f "$f" ] && echo ', kept from an earlier run')" >&2
	if [ ! -f "$f" ]; then
		mkdir -p "${f%/*}"
		"$@" >"$f.tmp" || { rm -f "$f.tmp"; return 1; }
		mv "$f.tmp" "$f"
	fi
	cat "$f"
}
