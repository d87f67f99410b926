#!/usr/bin/env bash
# Build (once) the Debian 13 "trixie" toolbox every other script runs in.
# The host keeps its own python and libc: the only host package we add is
# debootstrap from the host's own suite. A second run costs a stamp check.
. "$(dirname "$0")/lib.sh"

MIRROR=${PAS_MIRROR:-http://deb.debian.org/debian}
PKGS_FILE=$ROOT/scripts/toolbox.packages
STAMP=$TOOLBOX/.pas-toolbox-stamp
want=$(cat "$PKGS_FILE" "$ROOT/scripts/toolbox.sh" | sha256sum | cut -c1-16)

if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
	exit 0
fi

if ! command -v debootstrap >/dev/null; then
	say "installing debootstrap from the host's own suite"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		debootstrap >/dev/null
fi

if [ ! -x "$TOOLBOX/usr/bin/apt-get" ]; then
	say "debootstrap trixie into $TOOLBOX"
	rm -rf "$TOOLBOX.tmp"
	debootstrap --variant=minbase \
		--keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
		trixie "$TOOLBOX.tmp" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 ||
		die "debootstrap failed, see $CACHE/debootstrap.log"
	rm -rf "$TOOLBOX"
	mv "$TOOLBOX.tmp" "$TOOLBOX"
fi

cat >"$TOOLBOX/etc/apt/sources.list" <<EOF
deb $MIRROR trixie main
deb $MIRROR trixie-backports main
EOF
# Only dt-schema (and what it needs) may come from backports.
cat >"$TOOLBOX/etc/apt/preferences.d/backports" <<EOF
Package: *
Pin: release n=trixie-backports
Pin-Priority: 100
EOF
cp /etc/resolv.conf "$TOOLBOX/etc/resolv.conf" 2>/dev/null || true

say "installing toolbox packages"
mkdir -p "$TOOLBOX/proc" "$TOOLBOX/dev"
unshare -m -- /bin/bash -euc '
	tb=$1; pkgs=$2
	mount -t proc proc "$tb/proc"
	mount --rbind /dev "$tb/dev"
	chroot "$tb" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
		DEBIAN_FRONTEND=noninteractive /bin/bash -euc "
		dpkg --add-architecture arm64
		apt-get update -qq
		apt-get install -y -qq --no-install-recommends $pkgs
		apt-get install -y -qq --no-install-recommends -t trixie-backports dt-schema
		apt-get clean
	"
' tb "$TOOLBOX" "$(grep -v '^#' "$PKGS_FILE" | xargs)" >"$CACHE/toolbox-install.log" 2>&1 ||
	die "toolbox package install failed, see $CACHE/toolbox-install.log"

# dt-schema 2025.08 crashes building processed-schema.json (upstream PR #192):
# look the schema up without its trailing '#'.
v=$(find "$TOOLBOX/usr/lib/python3/dist-packages/dtschema" -name validator.py)
if grep -q 'self.schemas\[sch_id\]' "$v"; then
	sed -i "s/self.schemas\[sch_id\]/self.schemas[sch_id.rstrip('#')]/" "$v"
	say "patched dt-schema validator.py (sch_id.rstrip('#'))"
fi

echo "$want" >"$STAMP"
say "toolbox ready"
