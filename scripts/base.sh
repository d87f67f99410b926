#!/usr/bin/env bash
# Fetch the pinned linux-source .deb, verify it, and keep a pristine git repo
# of it (one commit, tag "base") in the cache. Reused while the pin matches.
. "$(dirname "$0")/lib.sh"

# shellcheck source=/dev/null
. <(grep -E '^[a-z0-9]+=' "$ROOT/kernel/base.pin")
deb=${package}_${version}_all.deb
dl=$CACHE/downloads
PRISTINE=$CACHE/base-$version-${sha256:0:12}

if [ -f "$PRISTINE/.git/pas-base-ok" ]; then
	exit 0
fi

mkdir -p "$dl"
if [ ! -f "$dl/$deb" ]; then
	say "downloading $package=$version"
	(cd "$dl" && tb apt-get download -q "$package=$version" 2>"$dl/apt.log") ||
		die "cannot download $package=$version from Debian (see $dl/apt.log).
  The pin is in kernel/base.pin. If trixie no longer carries this version,
  put $deb into $dl by hand (e.g. from the Debian snapshot archive)."
fi
got=$(sha256sum "$dl/$deb" | cut -d' ' -f1)
[ "$got" = "$sha256" ] ||
	die "$deb: sha256 $got does not match kernel/base.pin ($sha256).
  Delete $dl/$deb and run again; if it persists, the archive changed."

say "unpacking $deb"
rm -rf "$PRISTINE.tmp"
mkdir -p "$PRISTINE.tmp"
dpkg-deb --fsys-tarfile "$dl/$deb" |
	tar -xO ./usr/src/linux-source-6.12.tar.xz |
	tar -xJ -C "$PRISTINE.tmp" --strip-components=1

say "committing the pristine tree as 'base'"
cd "$PRISTINE.tmp"
# Debian's .gitignore ends with a block that ignores everything at top level.
sed -i '/^# Debian/,$d' .gitignore 2>/dev/null || true
git init -q -b master
git config gc.auto 0
git config core.autocrlf false
git add -A -f
git -c user.name=base -c user.email=base@localhost commit -q \
	--date="2000-01-01T00:00:00Z" -m "Linux $version (Debian $package)"
git tag base
touch .git/pas-base-ok
cd /
mv "$PRISTINE.tmp" "$PRISTINE"
say "base ready: $PRISTINE"
