#!/usr/bin/env bash
# Every patch carries its author's Signed-off-by, and its subject starts with
# the prefix the maintainers of the touched files use.
. "$(dirname "$0")/lib.sh"

# path regex -> allowed subject prefix (first match wins)
prefix_for() {
	case $1 in
	Documentation/devicetree/bindings/remoteproc/*) echo 'dt-bindings: remoteproc: qcom,[a-z0-9-]+: ' ;;
	include/dt-bindings/remoteproc/*) echo 'dt-bindings: remoteproc: qcom,[a-z0-9-]+: ' ;;
	drivers/firmware/qcom/qcom_tzmem*|include/linux/firmware/qcom/qcom_tzmem.h) echo 'firmware: qcom: (tzmem|scm): ' ;;
	drivers/firmware/qcom/*|include/linux/firmware/qcom/*) echo 'firmware: qcom: scm: ' ;;
	drivers/remoteproc/qcom_q6v5_pas.c) echo 'remoteproc: qcom: (pas: )?' ;;
	drivers/remoteproc/*) echo 'remoteproc: (qcom: )?' ;;
	arch/arm64/boot/dts/qcom/*) echo 'arm64: dts: qcom: ' ;;
	tools/testing/selftests/*) echo 'selftests: ' ;;
	*) echo '' ;;
	esac
}

bad=0
for c in $(commits); do
	author=$("${G[@]}" log -1 --format='%an <%ae>' "$c")
	if ! "${G[@]}" log -1 --format=%B "$c" | grep -qxF "Signed-off-by: $author"; then
		echo "FAIL $(label "$c"): no 'Signed-off-by: $author'" >&2
		bad=1
	fi
	s=$(subject "$c")
	[ ${#s} -le 75 ] || { echo "FAIL $(label "$c"): subject longer than 75 chars" >&2; bad=1; }
	for f in $(touched "$c"); do
		p=$(prefix_for "$f")
		[ -n "$p" ] || continue
		if ! echo "$s" | grep -qE "^$p"; then
			echo "FAIL $(label "$c"): touches $f, subject should start with /$p/" >&2
			bad=1
		fi
	done
	echo "ok $(label "$c")"
done
exit $bad
