#!/usr/bin/env bash
# Fetch the track's pinned linux-source .deb, verify it and the tarball inside,
# and keep a pristine git repo of it (one commit, tag "base") in the cache.
# Reused while the pin matches. PAS_TRACK picks the track.
. "$(dirname "$0")/lib.sh"

deb=${package}_${version}_all.deb
dl=$CACHE/downloads
pin=series/$TRACK/base.pin

if [ -f "$PRISTINE/.git/pas-base-ok" ]; then
	exit 0
fi

mkdir -p "$dl"
if [ ! -f "$dl/$deb" ]; then
	say "downloading $package=$version"
	(cd "$dl" && tb apt-get download -q "$package=$version" 2>"$dl/apt-$package.log") ||
		die "cannot download $package=$version from Debian $suite (see $dl/apt-$package.log).
  The pin is in $pin. If $suite no longer carries this version, put $deb into
  $dl by hand, from https://snapshot.debian.org/ (pool/main/l/linux/$deb)."
fi
got=$(sha256sum "$dl/$deb" | cut -d' ' -f1)
[ "$got" = "$sha256" ] ||
	die "$deb: sha256 $got does not match $pin ($sha256).
  Delete $dl/$deb and run again; if it persists, the archive changed."

say "unpacking $deb"
rm -rf "$PRISTINE.tmp"
mkdir -p "$PRISTINE.tmp"
dpkg-deb --fsys-tarfile "$dl/$deb" | tar -xO "./usr/src/$package.tar.xz" >"$PRISTINE.tmp.tar.xz"
got=$(sha256sum "$PRISTINE.tmp.tar.xz" | cut -d' ' -f1)
[ "$got" = "$tarball_sha256" ] ||
	die "$deb: $package.tar.xz has sha256 $got, not $tarball_sha256 ($pin)"
tar -xJf "$PRISTINE.tmp.tar.xz" -C "$PRISTINE.tmp" --strip-components=1
rm -f "$PRISTINE.tmp.tar.xz"

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
