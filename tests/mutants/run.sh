#!/usr/bin/env bash
# tests/mutants/run.sh [--list] [NN|NAME...] - the mutation suite.
#
# Every tests/mutants/<track>/NN-name.patch is a deliberate bug in the series' kernel
# code; its header says how to boot it and which reason must refuse it
# (README.md). For each one (or the ones named): reset a private checkout of
# the gate's tree (base + patches/, branch `gate`), `git apply` the mutant,
# build the builtin kernel incrementally, boot it with its `Boot:` line (while
# the next mutant builds), and judge: CAUGHT only if the boot fails AND its `Expect:` regex matches the
# double's secure UART log or the Linux console of that boot. A mutant with a
# `Refusal:` line boots a hostile TrustZone that the series itself refuses
# (the scenario passes whoever refused): there the unmutated boot must show
# the Refusal, and the mutant is CAUGHT when its boot no longer shows it but
# shows Expect (README.md).
# Before the mutants, every distinct `Boot:` line is booted once (two at a
# time) with the unmutated series (PAS_SERIES_KERNEL): it must pass, and no mutant's Expect
# may match it, or catching that mutant would prove nothing.
#
# Trees: build/mutants/linux (a clone of the pristine base that fetches the
# gate's branch) and build/mutants/out-builtin (seeded once from the gate's
# kernel build: same <dir>/linux + <dir>/out-<config> geometry, so ccache
# hits; afterwards only the files a mutant touches recompile).
# KTAP on stdout, one test per baseline boot and per mutant; exit 0 when every
# mutant was caught with its reason and every baseline boot passed.
# A mutant with `Config: debug` is built with the debug configuration
# (KASAN, lockdep, kmemleak) in its own output folder and judged against the
# gate's debug kernel: for bugs only those tools see.
# Environment: MUTANTS_GATE (the gate's folder, default build/gate: its
# linux tree with branch `gate` and its out-builtin kernel), MUTANTS_WORK
# (the runner's folder, default build/mutants), PAS_SERIES_KERNEL (the gate's
# kernel, default $MUTANTS_GATE/out-builtin), FAULTS_KOUT (the gate's debug
# kernel, default $MUTANTS_GATE/out-debug), PAS_SERIES_SRC (tree of the EL2
# overlay, default $MUTANTS_GATE/linux), MUTANTS_TIMEOUT (s per boot, default
# 120), MUTANTS_LOG (the logs' name prefix in build/logs, default mutant);
# PAS_FW_BIN (another build of the double, platform/machine.sh).
. "$(dirname "$0")/../../scripts/lib.sh"
. "$ROOT/platform/machine.sh"

MUT=${MUTANTS_DIR:-$ROOT/tests/mutants/$TRACK}	# the track's (another folder: to test the runner itself)
GATE=${MUTANTS_GATE:-$BUILD/gate}
GT=$GATE/linux
W=${MUTANTS_WORK:-$BUILD/mutants}
TREE=$W/linux
# per configuration: the unmutated kernel (SER) and the mutants' folder (MO)
declare -A SER=([builtin]=${PAS_SERIES_KERNEL:-$GATE/out-builtin} [debug]=${FAULTS_KOUT:-$GATE/out-debug})
declare -A MO=([builtin]=$W/out-builtin [debug]=$W/out-debug)
SERIES=${SER[builtin]}
export PAS_SERIES_SRC=${PAS_SERIES_SRC:-$GT}
export PAS_WARN_FAILS=${PAS_WARN_FAILS:-1}
# One CPU per guest (MUTANTS_SMP=N for more): every Boot line's scenario runs
# its steps one after the other, and under TCG extra vCPUs cost host time (a
# builtin boot of 'noqhee ab': 3.1-3.8 s of CPU with four, 2.0-2.5 with one).
export PAS_SMP=${MUTANTS_SMP:-1}
TIMEOUT=${MUTANTS_TIMEOUT:-120}
LP=${MUTANTS_LOG:-mutant}

# field FILE KEY: the value of a "KEY: value" header line (before the diff)
field() { sed -n "/^diff --git /q; s/^$2: *//p" "$1"; }
# cfg FILE: its kernel configuration (Config:, default builtin)
cfg() { local c; c=$(field "$1" Config); echo "${c:-builtin}"; }

list=()
for f in "$MUT"/[0-9]*.patch; do
	[ -f "$f" ] && list+=("$f")
done
[ ${#list[@]} -gt 0 ] || die "mutants: no $MUT/NN-name.patch"
if [ "${1:-}" = --list ]; then
	for f in "${list[@]}"; do
		printf '%s\n  %s\n  Boot: %s (%s kernel)\n  Expect: %s\n' "$(basename "$f" .patch)" \
			"$(field "$f" Mutant)" "$(field "$f" Boot)" "$(cfg "$f")" "$(field "$f" Expect)"
		r=$(field "$f" Refusal)
		[ -z "$r" ] || printf '  Refusal: %s\n' "$r"
	done
	exit 0
fi
if [ $# -gt 0 ]; then	# NN or NN-name
	sel=()
	for a in "$@"; do
		m=$(printf '%s\n' "${list[@]}" | grep -E "/${a%.patch}(-[^/]*)?\.patch$" || true)
		[ -n "$m" ] || die "mutants: no mutant '$a' in $MUT"
		sel+=("$m")
	done
	list=("${sel[@]}")
fi

mkdir -p "$W"
exec 8>"$W/.lock"
flock -n 8 || { say "mutants: another run holds $W; waiting"; flock 8; }

# the configurations the mutants need
declare -A NEED
for f in "${list[@]}"; do
	c=$(cfg "$f")
	[ -n "${SER[$c]:-}" ] || die "mutants: $(basename "$f"): unknown Config '$c' (builtin, debug)"
	NEED[$c]=1
done
for c in "${!NEED[@]}"; do
	[ -f "${SER[$c]}/arch/arm64/boot/Image" ] ||
		die "mutants: no $c kernel in ${SER[$c]} (the gate's; run make test or its kernel-* step)"
done
git -C "$GT" rev-parse -q --verify gate >/dev/null || die "mutants: $GT has no branch 'gate' (run the gate: make check)"
[ -f "$FW_BIN" ] || make -s -C "$ROOT/platform/firmware" O="$PLAT/firmware" fw tools >&2

T_N=0 T_FAIL=0
t_ok() { T_N=$((T_N + 1)); echo "ok $T_N $*"; }
t_not_ok() { T_N=$((T_N + 1)); T_FAIL=$((T_FAIL + 1)); echo "not ok $T_N $*"; }
now() { date +%s.%N; }
secs() { awk "BEGIN { printf \"%.1f\", $2 - $1 }"; }
# lines LOG...: the logs without CRs (the guest console has them)
lines() { cat "$@" 2>/dev/null | tr -d '\r'; }
t_start=$(now)

# ---- the tree: the gate's commit, nothing else -----------------------------
pristine=$PRISTINE	# the track's base (lib.sh)
if [ ! -d "$TREE/.git" ]; then
	say "mutants: cloning the base into $TREE"
	git clone -q --shared --no-checkout "$pristine" "$TREE"
	git -C "$TREE" config gc.auto 0
fi
git -C "$TREE" fetch -q "$GT" +gate:refs/heads/under-test
rev=$(git -C "$TREE" rev-parse under-test)
reset_tree() {
	git -C "$TREE" checkout -q --force --detach "$rev"
	git -C "$TREE" clean -qfd
}
reset_tree
for c in "${!NEED[@]}"; do
	[ ! -f "${MO[$c]}/.config" ] || continue
	say "mutants: seeding ${MO[$c]} from ${SER[$c]}"
	rm -rf "${MO[$c]}"
	cp -a "${SER[$c]}" "${MO[$c]}"
done

# obj_hashes CONFIG FILE: sha256 of every object a kernel change could alter
# (not the ones relinked with a new build number or built outside the kernel)
obj_hashes() {
	(cd "${MO[$1]}" && find . -name '*.o' ! -name vmlinux.o ! -name '*.mod.o' ! -path './.tmp_*' \
		! -path './init/version*' ! -path './pas-fixture/*' -print0 | sort -z | xargs -0 sha256sum) >"$2"
}
kbuild() { bash "$ROOT/scripts/kbuild.sh" "$TREE" "$1" "${MO[$1]}" Image; }

echo "KTAP version 1"
echo "# mutants: gate $(git -C "$TREE" log -1 --format='%h %s' "$rev")"
for c in $(printf '%s\n' "${!NEED[@]}" | sort); do
	say "mutants: building the unmutated series in ${MO[$c]}"
	t0=$(now)
	kbuild "$c" >"$LOGS/$LP-baseline-$c.build.log" 2>&1 ||
		die "mutants: the unmutated series does not build in ${MO[$c]} ($LOGS/$LP-baseline-$c.build.log)"
	obj_hashes "$c" "$W/baseline-$c.sha256"
	echo "# baseline $c build: $(secs "$t0" "$(now)")s ($(grep -c '^  CC ' "$LOGS/$LP-baseline-$c.build.log" || true) files compiled)"
done

# ---- the plan: every distinct Boot line once unmutated, then the mutants ---
declare -A BOOT_NS BOOT_SEC BOOT_REF
boots=()
# (a boot is "CONFIG BOOT-LINE")
for f in "${list[@]}"; do
	b=$(field "$f" Boot) r=$(field "$f" Refusal)
	[ -n "$b" ] && b="$(cfg "$f") $b"
	[ -n "$b" ] && [ -z "${BOOT_NS[$b]+x}" ] && { BOOT_NS[$b]=; BOOT_REF[$b]=; boots+=("$b"); }
	# the refusals the unmutated boot must show (one ERE a line)
	[ -n "$b" ] && [ -n "$r" ] && BOOT_REF[$b]+="$r"$'\n'
done
echo "1..$((${#boots[@]} + ${#list[@]}))"

# boot NAME KERNEL BOOT-LINE [IMAGE]: one run (IMAGE instead of KERNEL's own,
# platform/run.sh PAS_IMAGE); sets RC, NS, SEC, BOOT_T
boot() {
	local name=$1 k=$2 t0 args
	read -r -a args <<<"$3"
	NS=$LOGS/$name.ns.log SEC=$LOGS/$name.secure.log
	t0=$(now)
	RC=0
	PAS_IMAGE=${4:-} PAS_RUN_NAME=$name PAS_QUIET=1 PAS_TIMEOUT=$TIMEOUT bash "$ROOT/platform/run.sh" "$k" "${args[@]}" \
		>"$LOGS/$name.run.log" 2>&1 || RC=$?
	BOOT_T=$(secs "$t0" "$(now)")
}
# boot_bg NAME ...: boot in the background (a boot is mostly one busy vCPU,
# so it overlaps the next build or boot); boot_join NAME: wait, set what boot sets
declare -A BG
mkdir -p "$W/state"
boot_bg() {
	rm -f "$W/state/$1"
	( boot "$@"; echo "$RC $BOOT_T" >"$W/state/$1" ) &
	BG[$1]=$!
}
boot_join() {
	wait "${BG[$1]}" || true
	NS=$LOGS/$1.ns.log SEC=$LOGS/$1.secure.log
	read -r RC BOOT_T <"$W/state/$1" 2>/dev/null || { RC=126 BOOT_T=0; }
}
# why_failed: the guest's own failure lines, as KTAP diagnostics
why_failed() {
	{ lines "$NS" | grep -avE 'firmware: failed to load|Direct firmware load|request_firmware failed' |
		grep -aE '^not ok|REFUSED|FAULTED|start failed|failed to|pas-result' | head -n 8
	  grep -aE '^run: ' "$LOGS/$name.run.log" | head -n 4; } | cut -c1-200 | sed 's/^/# /' || true
}

# two at a time, judged in order
t_boots=0
judge_baseline() {
	local b=$1 name=$2 r ref missing= what
	boot_join "$name"
	what="'${b#* }'"
	[ "${b%% *}" = builtin ] || what="$what (${b%% *} kernel)"
	t_boots=$(awk "BEGIN { print $t_boots + $BOOT_T }")
	BOOT_NS[$b]=$NS BOOT_SEC[$b]=$SEC
	while IFS= read -r r; do
		[ -n "$r" ] || continue
		ref=$(lines "$SEC" "$NS" | grep -aE -m1 -e "$r" | cut -c1-200 || true)
		if [ -n "$ref" ]; then echo "# refusal seen: $ref"; else missing+=" '$r'"; fi
	done <<<"${BOOT_REF[$b]}"
	if [ "$RC" -eq 0 ] && [ -z "$missing" ]; then
		t_ok "baseline: the unmutated series passes $what # ${BOOT_T}s"
	elif [ "$RC" -eq 0 ]; then
		t_not_ok "baseline: the unmutated series passes $what # but does not show its refusal$missing; logs $NS $SEC"
	else
		why_failed
		t_not_ok "baseline: the unmutated series passes $what # exit $RC in ${BOOT_T}s; logs $NS $SEC"
	fi
}
declare -A BNAME
pend=()
for b in "${boots[@]}"; do
	name=$LP-baseline-$(sed 's/^builtin //' <<<"$b" | tr -c 'a-zA-Z0-9.=\n-' '-')
	BNAME[$name]=$b
	boot_bg "$name" "${SER[${b%% *}]}" "${b#* }"
	pend+=("$name")
	if [ ${#pend[@]} -ge 2 ]; then
		judge_baseline "${BNAME[${pend[0]}]}" "${pend[0]}"
		pend=("${pend[@]:1}")
	fi
done
for name in "${pend[@]}"; do judge_baseline "${BNAME[$name]}" "$name"; done

# ---- the mutants -----------------------------------------------------------
# Pipelined: mutant N+1 builds while mutant N boots (a copy of its Image,
# with the unmutated kernel's initramfs: the mutants change no header the
# fixture module sees); each is judged, in order, once its boot ended.
caught=0 survived=0 broken=0 t_builds=0 t_mboots=0
mkdir -p "$W/img"
# judge_mutant M: wait for its boot and print its verdict (prep left the
# rest in P_*[M])
declare -A P_B P_EXPECT P_REASON P_REFUSAL P_TBUILD
judge_mutant() {
	local m=$1 name=$LP-$1 b=${P_B[$1]} expect=${P_EXPECT[$1]} reason=${P_REASON[$1]} refusal=${P_REFUSAL[$1]}
	local t_build=${P_TBUILD[$1]} t seen base_seen timing ref_seen failed how passed
	boot_join "$name"
	rm -f "$W/img/$m.Image"
	t_mboots=$(awk "BEGIN { print $t_mboots + $BOOT_T }")
	t=$(awk "BEGIN { printf \"%.1f\", $t_build + $BOOT_T }")
	seen=$(lines "$SEC" "$NS" | grep -aE -m1 -e "$expect" | cut -c1-240 || true)
	base_seen=$(lines "${BOOT_SEC[$b]}" "${BOOT_NS[$b]}" | grep -aE -m1 -e "$expect" | cut -c1-200 || true)
	timing="in ${t}s (build ${t_build}s, boot ${BOOT_T}s)"
	# Caught: the boot failed (with Refusal: the series' own refusal of a
	# hostile TrustZone is gone instead) and Expect is seen in this boot but
	# not in the unmutated one.
	ref_seen=
	if [ -n "$refusal" ]; then
		ref_seen=$(lines "$SEC" "$NS" | grep -aE -m1 -e "$refusal" | cut -c1-200 || true)
		failed=$([ -z "$ref_seen" ] && echo 1 || true)
		how="the refusal is gone (exit $RC)" passed="the series' own refusal '$refusal' still shows (exit $RC)"
	else
		failed=$([ "$RC" -ne 0 ] && echo 1 || true)
		how="the boot failed (exit $RC)" passed="'${b#* }' passed (exit 0)"
	fi
	if [ -n "$failed" ] && [ -n "$seen" ] && [ -z "$base_seen" ]; then
		caught=$((caught + 1))
		echo "# reason seen: $seen"
		[ -z "$refusal" ] || echo "# (the series' refusal is gone; the boot exited $RC)"
		t_ok "$m # CAUGHT $timing"
	elif [ -z "$failed" ]; then
		survived=$((survived + 1))
		[ -z "$ref_seen" ] || echo "# refusal still seen: $ref_seen"
		[ -z "$seen" ] || echo "# (Expect matched, but the boot passed: $seen)"
		t_not_ok "$m # SURVIVED: $passed $timing; wanted: $reason"
	elif [ -z "$seen" ]; then
		survived=$((survived + 1))
		why_failed
		t_not_ok "$m # WRONG REASON: $how but nothing matches Expect '$expect' $timing; logs $NS $SEC"
	else
		survived=$((survived + 1))
		echo "# unmutated boot: $base_seen"
		t_not_ok "$m # VACUOUS: Expect '$expect' also matches the unmutated series' boot of '${b#* }'"
	fi
}
inflight=
for f in "${list[@]}"; do
	m=$(basename "$f" .patch)
	name=$LP-$m
	desc=$(field "$f" Mutant) b=$(field "$f" Boot) c=$(cfg "$f")
	P_B[$m]="$c $b" P_EXPECT[$m]=$(field "$f" Expect) P_REASON[$m]=$(field "$f" Reason) P_REFUSAL[$m]=$(field "$f" Refusal)
	# prepare it (while the previous one boots); what it says waits for that verdict
	msg="# $m: $desc"$'\n' bad=
	for k in Mutant Boot Expect Reason; do
		[ "$(field "$f" $k | wc -l)" = 1 ] || { msg+="# $m: the header needs exactly one '$k:' line"$'\n'; b=; }
	done
	[ "$(field "$f" Refusal | wc -l)" -le 1 ] || { msg+="# $m: the header has more than one 'Refusal:' line"$'\n'; b=; }
	t0=$(now)
	if [ -z "$b" ] || [ -z "${P_EXPECT[$m]}" ]; then
		bad="BROKEN: malformed header (README.md)"
	else
		reset_tree
		if ! git -C "$TREE" apply --whitespace=nowarn "$f" 2>"$W/apply.err"; then
			msg+=$(sed 's/^/# /' "$W/apply.err" | head -n 5)$'\n'
			bad="BROKEN: does not apply to the gate's tree"
		elif ! kbuild "$c" >"$LOGS/$name.build.log" 2>&1; then
			msg+=$(grep -aE 'error|Error' "$LOGS/$name.build.log" | head -n 5 | sed 's/^/# /')$'\n'
			bad="BROKEN: does not build ($LOGS/$name.build.log)"
		else
			P_TBUILD[$m]=$(secs "$t0" "$(now)")
			t_builds=$(awk "BEGIN { print $t_builds + ${P_TBUILD[$m]} }")
			obj_hashes "$c" "$W/mutant.sha256"
			changed=$({ diff "$W/baseline-$c.sha256" "$W/mutant.sha256" || true; } | sed -n 's|^> [0-9a-f]*  \./||p' | tr '\n' ' ')
			if [ -z "$changed" ]; then
				bad="BROKEN: applies but changes no object of the kernel"
			else
				msg+="# $m: changed objects: $changed"$'\n'
				cp "${MO[$c]}/arch/arm64/boot/Image" "$W/img/$m.Image"
			fi
		fi
	fi
	[ -z "$inflight" ] || judge_mutant "$inflight"
	inflight=
	printf '%s' "$msg"
	if [ -n "$bad" ]; then
		broken=$((broken + 1)); t_not_ok "$m # $bad"; continue
	fi
	boot_bg "$name" "${SER[$c]}" "$b" "$W/img/$m.Image"
	inflight=$m
done
[ -z "$inflight" ] || judge_mutant "$inflight"
reset_tree

total=$(secs "$t_start" "$(now)")
echo "# mutants: ${#list[@]} run, $caught caught, $survived not caught, $broken broken;" \
	"wall ${total}s (mutant builds ${t_builds}s, mutant boots ${t_mboots}s, ${#boots[@]} baseline boots ${t_boots}s)"
echo "# $((T_N - T_FAIL)) passed, $T_FAIL failed"
[ "$T_FAIL" -eq 0 ]
