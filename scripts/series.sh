#!/usr/bin/env bash
# series.sh apply   - make build/<track>/linux = base + series/<track>/patches (git am)
# series.sh export  - write that tree's commits base..HEAD back to the patches
# series.sh export-to DIR TREE - the same export of TREE into DIR (round trip)
# series.sh tree DIR REV - a throw-away checkout of REV (for the gate)
# series.sh build   - the builtin Image of that tree (build/<track>/out-builtin)
# The track (PAS_TRACK) gives the base, the patches folder and the prefix.
. "$(dirname "$0")/lib.sh"

ensure_tree() {
	bash "$ROOT/scripts/base.sh"
	if [ ! -d "$KSRC/.git" ]; then
		say "cloning the pristine base into $KSRC"
		git clone -q --shared --no-checkout "$PRISTINE" "$KSRC"
		git -C "$KSRC" config gc.auto 0
		git -C "$KSRC" config user.name "$(git -C "$ROOT" config user.name)"
		git -C "$KSRC" config user.email "$(git -C "$ROOT" config user.email)"
		git -C "$KSRC" fetch -q origin 'refs/tags/base:refs/tags/base'
		git -C "$KSRC" checkout -q -B series base
	fi
}

series_files() { ls "$PATCHES"/0*.patch 2>/dev/null | grep -v '/0000-' || true; }

apply() {
	ensure_tree
	local g=(git -C "$KSRC")
	if [ -n "$("${g[@]}" status --porcelain --untracked-files=no)" ]; then
		die "$KSRC has uncommitted changes; commit or 'git -C $KSRC stash' first"
	fi
	"${g[@]}" am --abort >/dev/null 2>&1 || true
	"${g[@]}" checkout -q -B series base
	local files
	files=$(series_files)
	if [ -n "$files" ]; then
		# shellcheck disable=SC2086
		"${g[@]}" am -q --keep-cr $files >"$LOGS/apply.log" 2>&1 || {
			cat "$LOGS/apply.log" >&2
			"${g[@]}" am --abort >/dev/null 2>&1 || true
			die "the series does not apply to base (log: $LOGS/apply.log)"
		}
	fi
	say "applied $(echo "$files" | grep -c . || true) patches of $TRACK onto base ($KSRC, branch series)"
}

# Subject and blurb of the cover letter live in patches/0000; everything else
# is regenerated, so an unchanged tree exports to the same bytes.
format_series() { # TREE DEST
	local g=(git -C "$1") tmp=$2 cover old
	"${g[@]}" format-patch -q -M --cover-letter --zero-commit --no-signature \
		--subject-prefix="$PREFIX" -o "$tmp" base..HEAD
	cover=$tmp/0000-cover-letter.patch
	old=$PATCHES/0000-cover-letter.patch
	if [ -f "$old" ]; then
		tb python3 "$ROOT/scripts/cover_merge.py" "$old" "$cover"
	fi
	# The cover letter's date is "now"; use the last patch's date instead.
	local last
	last=$(ls "$tmp"/0*.patch | tail -1)
	sed -i "s/^Date: .*/$(grep -m1 '^Date: ' "$last")/" "$cover"
}

export_series() {
	local tmp
	tmp=$(mktemp -d -p "$BUILD")
	format_series "$KSRC" "$tmp"
	rm -f "$PATCHES"/0*.patch
	mkdir -p "$PATCHES"
	cp "$tmp"/0*.patch "$PATCHES"/
	rm -rf "$tmp"
	say "exported $(series_files | wc -l) patches + cover letter to ${PATCHES#"$ROOT"/}"
}

case ${1:-} in
apply) apply ;;
export) ensure_tree; export_series ;;
export-to) mkdir -p "$2"; format_series "$3" "$2" ;;
build) bash "$ROOT/scripts/kbuild.sh" "$KSRC" builtin "$BUILD/out-builtin" Image ;;
tree)
	dir=$2 rev=$3
	# the base needs no build/<track>/linux (a fresh checkout would check
	# out a whole kernel tree only to pass the tag on)
	if [ "$rev" = base ]; then bash "$ROOT/scripts/base.sh"; else ensure_tree; fi
	# (borrowing objects from the pristine base only: DIR may outlive this
	# checkout's build/linux, lib.sh KWORK)
	if [ ! -d "$dir/.git" ]; then
		git clone -q --shared --no-checkout "$PRISTINE" "$dir"
		git -C "$dir" config gc.auto 0
	fi
	if [ "$rev" = base ]; then
		git -C "$dir" fetch -q "$PRISTINE" 'refs/tags/base:refs/tags/base'
	else
		git -C "$dir" fetch -q "$KSRC" "+refs/heads/*:refs/remotes/k/*" 'refs/tags/base:refs/tags/base'
	fi
	git -C "$dir" checkout -q --force "$rev"
	;;
*) die "usage: series.sh apply|export|build|tree DIR REV" ;;
esac
