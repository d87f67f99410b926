# shellcheck shell=bash
# Step reporting shared by 'make check' and 'make test': a timestamped line per
# step, PASS/FAIL with the log path and a command that reproduces it, and the
# closing "N passed, N failed" line. Source after lib.sh.

RESULTS=${RESULTS:-$LOGS/results.txt}

# step_cpu PID: CPU time (user + system, in 1/100 s) of PID's waited-for
# children: a step's figure is what its processes (compilers, QEMU) used,
# whatever else runs beside it (PID: $BASHPID taken outside a $(...))
step_cpu() { awk '{ print $16 + $17 }' "/proc/$1/stat"; }

# step NAME REPRO -- CMD...: run CMD with output to $LOGS/NAME.log; the
# result line says ${STEP_PREFIX}NAME (the track, when test.sh runs several)
step() {
	local name=${STEP_PREFIX:-}$1 repro=$2 log="$LOGS/$1.log" t0 t1 rc=0 c0 c1 me=$BASHPID
	shift 3
	[ -z "${STEP_PREFIX:-}" ] || repro="PAS_TRACK=$TRACK $repro"
	mkdir -p "$(dirname "$log")"
	t0=$(date +%s%N)
	c0=$(step_cpu "$me")
	# tracks running side by side (test.sh) share the terminal: one whole
	# line per step, when it ends
	local head
	head=$(printf '[%s] %-36s ... ' "$(ts)" "$name")
	[ -n "${PAS_STEP_LINES:-}" ] || printf '%s' "$head" >&2
	"$@" >"$log" 2>&1 || rc=$?
	t1=$(date +%s%N)
	c1=$(step_cpu "$me")
	local dt cpu
	dt=$(((t1 - t0) / 100000000))
	dt=$((dt / 10)).$((dt % 10))
	cpu=$(((c1 - c0) / 10))	# in 0.1 s
	cpu="cpu $((cpu / 10)).$((cpu % 10))s"
	[ -z "${PAS_STEP_LINES:-}" ] || head="[$(ts)] $(printf '%-36s' "$name") ... "
	if [ $rc -eq 0 ]; then
		printf '%sPASS (%ss, %s)\n' "${PAS_STEP_LINES:+$head}" "$dt" "$cpu" >&2
		echo "PASS $name ${dt}s $cpu" >>"$RESULTS"
	else
		{ printf '%sFAIL (%ss, %s, exit %d)\n' "${PAS_STEP_LINES:+$head}" "$dt" "$cpu" "$rc"
		  printf '    log: %s\n    reproduce: %s\n' "$log" "$repro"
		  grep -E '^(FAIL|not ok|ERROR)' "$log" | head -15 | sed 's/^/    | /' || true; } >&2
		echo "FAIL $name ${dt}s $cpu" >>"$RESULTS"
	fi
	return 0
}

# cached_step NAME KEY REPRO -- CMD...: like step, but a PASS is remembered
# under KEY (a hash of every input of CMD) and not re-run while KEY holds.
# PAS_FRESH=1 (the default in CI) runs everything again.
cached_step() {
	local name=$1 key=$2 mark
	shift 2
	[ -n "$key" ] || { step "$name" "$@"; return 0; }
	mark=$CACHE/verdicts/$TRACK-$name-$key
	if [ "${PAS_FRESH:-${CI:+1}}" != 1 ] && [ -f "$mark" ]; then
		printf '[%s] %-36s ... PASS (same inputs passed at %s; PAS_FRESH=1 re-runs)\n' \
			"$(ts)" "${STEP_PREFIX:-}$name" "$(cat "$mark")" >&2
		echo "PASS ${STEP_PREFIX:-}$name cached" >>"$RESULTS"
		return 0
	fi
	step "$name" "$@"
	# (the last line of this step's name: another track may append meanwhile)
	if grep -E "^(PASS|FAIL) ${STEP_PREFIX:-}$name " "$RESULTS" | tail -1 | grep -q '^PASS'; then
		mkdir -p "$CACHE/verdicts"
		date -u +%FT%TZ >"$mark"
	fi
}

summary() {
	local p f
	p=$(grep -c '^PASS' "$RESULTS" || true)
	f=$(grep -c '^FAIL' "$RESULTS" || true)
	echo "== summary ($RESULTS) ==" >&2
	grep '^FAIL' "$RESULTS" | sed 's/^/  /' >&2 || true
	echo "$p passed, $f failed"
	[ "$f" -eq 0 ]
}
