#!/usr/bin/env bash
# tests/kunit.sh [kunit.py run options...]
#
# Build the series' KUnit suite (drivers/remoteproc/tests/.kunitconfig) for
# arm64 and run it under QEMU with the kernel's own kunit.py, inside the
# toolbox. Prints the parsed results and the raw KTAP; exits non-zero when a
# test fails or crashes, or when the build or the run fails, or when not every
# case of the suites' source ran and passed (tests/kunit_expect.py counts them
# in the tree under test: a suite that silently ran fewer cases is a failure).
. "$(dirname "$0")/../scripts/lib.sh"

# PAS_KSRC: the kernel tree to test (make test: the gate's, base + patches/).
KSRC=${PAS_KSRC:-$KSRC}
KUNITCONFIG=drivers/remoteproc/tests/.kunitconfig
OUT=${PAS_KUNIT_OUT:-$BUILD/out/kunit}
JSON=$OUT/results.json

[ -f "$KSRC/$KUNITCONFIG" ] ||
	die "$KSRC/$KUNITCONFIG missing: run 'bash scripts/series.sh apply' first"
mkdir -p "$OUT"
cd "$KSRC"

say "kunit.py run --arch=arm64 --kunitconfig=$KUNITCONFIG (build dir $OUT)"
rc=0
tb python3 tools/testing/kunit/kunit.py run \
	--arch=arm64 --cross_compile=aarch64-linux-gnu- \
	--kunitconfig="$KUNITCONFIG" --build_dir="$OUT" \
	--jobs="$(nproc)" --timeout=600 --json="$JSON" "$@" || rc=$?

if [ -f "$OUT/test.log" ]; then
	echo "---- raw KTAP ($OUT/test.log) ----"
	sed -n '/KTAP version\|TAP version/,$p' "$OUT/test.log" |
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
