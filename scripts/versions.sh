#!/usr/bin/env bash
# Record the exact tool versions of this run (toolbox and host).
. "$(dirname "$0")/lib.sh"
echo "host: $(. /etc/os-release; echo "$PRETTY_NAME"), $(uname -r), $(nproc) cores"
echo "toolbox: Debian $(cat "$TOOLBOX/etc/debian_version") at $TOOLBOX"
tb /bin/bash -c '
v() { printf "%-12s %s\n" "$1" "$(eval "$2" 2>&1 | head -1)"; }
v gcc "aarch64-linux-gnu-gcc --version"
v binutils "aarch64-linux-gnu-ld --version"
v host-gcc "gcc --version"
v ccache "ccache --version"
v sparse "dpkg-query -W sparse | cut -f2"
v dtc "dtc --version"
v dt-schema "dpkg-query -W dt-schema | cut -f2"
v yamllint "yamllint --version"
v python3 "python3 --version"
v qemu "qemu-system-aarch64 --version"
v busybox "dpkg-query -W busybox-static:arm64 | cut -f2"
v git "git --version"
v make "make --version"
'
for t in $TRACKS; do
	grep -E '^(package|version|sha256)=' "$ROOT/series/$t/base.pin" | paste -sd' ' | sed "s/^/base $t: /"
done
