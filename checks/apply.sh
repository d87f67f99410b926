#!/usr/bin/env bash
# The track's series applies cleanly, with git am, onto its pinned base.
# Usage: apply.sh TREE [PATCH...]  (default: every patch of the track)
. "$(dirname "$0")/../scripts/lib.sh"
tree=$(realpath -m "$1"); shift
bash "$ROOT/scripts/base.sh"
pristine=$PRISTINE
if [ ! -d "$tree/.git" ]; then
	git clone -q --shared --no-checkout "$pristine" "$tree"
	git -C "$tree" config gc.auto 0
	# The gate commits with its own identity; exports keep the authors'.
	git -C "$tree" config user.name gate
	git -C "$tree" config user.email gate@localhost
	git -C "$tree" fetch -q origin 'refs/tags/base:refs/tags/base'
fi
git -C "$tree" am --abort >/dev/null 2>&1 || true
git -C "$tree" checkout -q --force -B gate base
git -C "$tree" clean -qfdx
if [ $# -eq 0 ]; then
	set -- $(ls "$PATCHES"/0*.patch | grep -v /0000-)
fi
[ $# -gt 0 ] || die "no patches in ${PATCHES#"$ROOT"/}"
git -C "$tree" -c user.name=gate -c user.email=gate@localhost am -q --whitespace=error "$@" || {
	git -C "$tree" am --abort >/dev/null 2>&1
	die "the series does not apply onto base ($version)"
}
echo "applied $# patches onto base $version"
