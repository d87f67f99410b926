#!/usr/bin/env bash
# tests/kunit.sh [kunit.py run options...]
#
# The series' KUnit suite (drivers/remoteproc/tests/.kunitconfig). Two ways:
#  - PAS_KUNIT_KOUT=<debug kernel build dir> (make test): that kernel, built
#    anyway for the fault suite, has the suite built in (scripts/kbuild.sh
#    debug + kernel/configs/kunit.config); boot it on the platform with
#    kunit.enable=1 and parse the console's KTAP with the kernel's own
#    `kunit.py parse`. One kernel, two roles: no kunit.py build.
#  - otherwise: `kunit.py run` for arm64 under QEMU virt, in its own build dir
#    (PAS_KUNIT_OUT), with any kunit.py run options given.
# Prints the parsed results and the raw KTAP; exits non-zero when a test
# fails or crashes, when the build, boot or parse fails, or when not every
# case of the suites' source ran and passed (tests/kunit_expect.py counts
# them in the tree under test: a suite that silently ran fewer cases is a
# failure).
. "$(dirname "$0")/../scripts/lib.sh"

# PAS_KSRC: the kernel tree to test (make test: the gate's, base + patches).
KSRC=${PAS_KSRC:-$KSRC}
OUT=${PAS_KUNIT_OUT:-$BUILD/out/kunit}
JSON=$OUT/results.json

[ -f "$KSRC/$KUNITCONFIG" ] ||
	die "$KSRC/$KUNITCONFIG missing: run 'bash scripts/series.sh apply' first"
mkdir -p "$OUT"
cd "$KSRC"

rc=0
if [ -n "${PAS_KUNIT_KOUT:-}" ]; then
	. "$ROOT/platform/machine.sh"
	kout=$(realpath "$PAS_KUNIT_KOUT")
	grep -q '^CONFIG_KUNIT=y' "$kout/.config" ||
		die "$kout has no KUnit built in (scripts/kbuild.sh debug on a tree with $KUNITCONFIG)"
	bash "$ROOT/platform/ensure_inputs.sh"	# the double
	say "kunit: booting $kout with kunit.enable=1 (the suite is built in)"
	# One CPU: the suites need no other, and under TCG a debug kernel's
	# extra vCPUs only cost host time (tests/faults/lib.sh FAULTS_SMP).
	# RAM ends above the last carveout, as in the fault boots: the 6.12
	# suite's adjacency fixtures take the last page below 4 GiB for a window
	# that is not RAM (true on kunit.py's virt; NOTES.md).
	PAS_SMP=${PAS_SMP:-1} PAS_QUIET=1 PAS_RUN_NAME=kunit PAS_SERIES_SRC=$KSRC bash "$ROOT/platform/run.sh" \
		"$kout" qhee kunit kunit.enable=1 mem=1664M || rc=$?
	tr -d '\r' <"$LOGS/kunit.ns.log" >"$OUT/test.log"
	[ "$rc" -eq 0 ] || { say "KUnit FAILED: the boot returned $rc ($LOGS/kunit.ns.log)"; exit 1; }
	tb python3 tools/testing/kunit/kunit.py parse --json="$JSON" "$OUT/test.log" || rc=$?
else
	say "kunit.py run --arch=arm64 --kunitconfig=$KUNITCONFIG (build dir $OUT)"
	tb python3 tools/testing/kunit/kunit.py run \
		--arch=arm64 --cross_compile=aarch64-linux-gnu- \
		--kunitconfig="$KUNITCONFIG" --build_dir="$OUT" \
		--jobs="$(nproc)" --timeout=600 --json="$JSON" "$@" || rc=$?
fi

if [ -f "$OUT/test.log" ]; then
	echo "---- raw KTAP ($OUT/test.log) ----"
	sed -n '/KTAP version\|TAP version/,$p' "$OUT/test.log" | sed -E 's/^\[ *[0-9]+\.[0-9]+\] //' |
		grep -E '^[[:space:]]*(KTAP|TAP|#|ok|not ok|1\.\.)' || true
fi

if [ "$rc" -ne 0 ]; then
	say "KUnit FAILED (kunit.py exit status $rc)"
	exit "$rc"
fi
if [ $# -gt 0 ]; then	# e.g. a --filter: the whole suite was not asked for
	say "KUnit passed (run options given: the number of cases is not checked)"
	exit 0
fi
echo "---- executed cases against the source ($KSRC/${KUNITCONFIG%/*}/*.c) ----"
srcs=$(ls "$KSRC/${KUNITCONFIG%/*}"/*.c)
# shellcheck disable=SC2086
tb python3 "$ROOT/tests/kunit_expect.py" $srcs "$JSON" || {
	say "KUnit FAILED: not every case of the source ran and passed"
	exit 1
}
say "KUnit passed"
