#!/bin/sh
# Shared helpers of the fault scenarios (baddt.sh, inject.sh, soak.sh), and
# their own /init: tests/faults boots with rdinit=/lib/pas/scenarios/faults.sh
# pas.faults=<scenario> pas.rprocs=<N>, because a bad-DT case leaves only four
# remoteprocs probed and /init waits for five (and 20 s) before it gives up.
# As a scenario of /init (pas.scenario=faults) it only lists the others.
#
# Per-case evidence a scenario collects in the guest:
#   - the double's audit / counters (debugfs pas_double, ABI.md);
#   - new kernel warnings since the case began (dmesg -c at its start):
#     WARNING, BUG, KASAN, lockdep, ODEBUG, kmemleak, Oops, hung task;
#   - kmemleak: two scans at the end of the boot (f_kmemleak), each leak
#     charged to the last case begun before its allocation.
# Lines "# fact: KEY=VALUE" are summed by the host (tests/faults/lib.sh).

# (platform/machine.sh PAS_WARN_RE, which the host greps)
F_WARN_RE='WARNING:|BUG:|KASAN|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU|ODEBUG|Oops|Unable to handle|INFO: task .* blocked|DEBUG_LOCKS_WARN|list_add corruption|list_del corruption|refcount_t:|UBSAN'
KML=/sys/kernel/debug/kmemleak

f_uptime() { cut -d' ' -f1 /proc/uptime; }

# Case bookkeeping: f_case_begin NAME / f_case_end; windows in /tmp/f_cases
F_CASE=
f_case_begin() {
	F_CASE=$1
	dmesg -c >/dev/null
	echo "faults: case $1 begin" >/dev/kmsg
	echo "$1 $(f_uptime)" >>/tmp/f_cases
}
f_case_end() {
	echo "faults: case $F_CASE end" >/dev/kmsg
	sed -i "\$s/\$/ $(f_uptime)/" /tmp/f_cases
}

# f_warnings: kernel warnings logged since f_case_begin: printed as
# "# warn: ..." lines, their number in F_NWARN (and added to F_WARNS)
F_WARNS=0
f_warnings() {
	dmesg | grep -E "$F_WARN_RE" | grep -v 'faults: case' >/tmp/f_warn || true
	F_NWARN=$(wc -l </tmp/f_warn)
	F_WARNS=$((F_WARNS + F_NWARN))
	head -n 20 /tmp/f_warn | sed 's/^/# warn: /'
}

# f_msg REGEX: does the kernel log since f_case_begin hold REGEX?
f_msg() { dmesg | grep -qE "$1"; }

# The double's figures, read with the shell's own `read` (a fork costs tens of
# ms on the debug kernel under TCG, and the soak reads thousands of them).
# "leaves=N bridges=N stream=S faults=N[ last-fault: TEXT]" (lib.sh, ABI.md)
audit() { read -r AUD <"$DBG/$1/audit"; echo "$AUD"; }
# audit_get NAME: AUD (the line), AUD_LEAVES, AUD_BRIDGES, AUD_STREAM,
# AUD_FAULTS (no fork)
audit_get() {
	read -r AUD <"$DBG/$1/audit"
	AUD_LEAVES=${AUD#leaves=}; AUD_LEAVES=${AUD_LEAVES%% *}
	AUD_BRIDGES=${AUD#*bridges=}; AUD_BRIDGES=${AUD_BRIDGES%% *}
	AUD_STREAM=${AUD#*stream=}; AUD_STREAM=${AUD_STREAM%% *}
	AUD_FAULTS=${AUD#*faults=}; AUD_FAULTS=${AUD_FAULTS%% *}
}
audit_leaves() { audit_get "$1"; echo "$AUD_LEAVES"; }
audit_bridges() { audit_get "$1"; echo "$AUD_BRIDGES"; }
# counters_get NAME: CNT_BOOTS, CNT_BRIDGES, CNT_LEAVES (no fork)
counters_get() {
	read -r CNT <"$DBG/$1/counters"	# "boots=B rsc=T|none bridges=R leaves=L"
	CNT_BOOTS=${CNT#boots=}; CNT_BOOTS=${CNT_BOOTS%% *}
	CNT_BRIDGES=${CNT#*bridges=}; CNT_BRIDGES=${CNT_BRIDGES%% *}
	CNT_LEAVES=${CNT##*leaves=}
}
counter() { counters_get "$1"; eval "echo \$CNT_$(echo "$2" | tr a-z A-Z)"; }	# counter NAME boots|bridges|leaves
clean() { audit_get "$1"; audit_clean "$AUD"; }
# running_ok NAME WANT: while it runs, the double walks exactly WANT leaves (one
# set of mappings), no bridge over the carveout(s), no fault; else WHY_RUN says
running_ok() {
	audit_get "$1"
	WHY_RUN=
	[ "$AUD_LEAVES" = "$2" ] || WHY_RUN="$WHY_RUN; $AUD_LEAVES leaves, one set is $2"
	[ "$AUD_BRIDGES" = 0 ] || WHY_RUN="$WHY_RUN; $AUD_BRIDGES bridges over its carveout"
	[ "$AUD_STREAM" = stage1 ] || WHY_RUN="$WHY_RUN; stream $AUD_STREAM"
	[ "$AUD_FAULTS" = 0 ] || WHY_RUN="$WHY_RUN; $AUD_FAULTS faults: ${AUD#*last-fault: }"
	WHY_RUN=${WHY_RUN#; }
	[ -z "$WHY_RUN" ]
}
# want_leaves NAME: EXP and BASE_<name> = one set of mappings from the platform's facts
# (lib.sh expect_leaves), plus pas.extra_leaves= for the ADSP when a case's
# overlay adds windows to the platform's (tests/faults/inject.sh)
want_leaves() {
	local x
	EXP=$(expect_leaves "$1")
	[ -n "$EXP" ] || return 1
	x=$(cmdline_arg pas.extra_leaves)
	[ "$1" = adsp ] && [ -n "$x" ] && EXP=$((EXP + x))
	f_var "$1"
	eval "BASE_$FV=$EXP"
}

# f_var NAME: FV = NAME usable in a variable name (the DTB profile's
# cdsp-dtb -> cdsp_dtb; ABI.md), no fork
f_var() {
	FV=$1
	while :; do
		case $FV in *-*) FV=${FV%%-*}_${FV#*-} ;; *) return 0 ;; esac
	done
}

# rp_d NAME: RPD = the remoteproc's sysfs dir, cached (no fork per call:
# forks are slow on the debug kernel under TCG); 1 if it has none
rp_d() {
	local x f
	f_var "$1"
	eval "RPD=\${D_$FV:-}"
	[ -n "$RPD" ] && return 0
	for x in $RP/*; do
		[ -e "$x/firmware" ] || continue
		f=$(cat "$x/firmware"); f=${f##*/}; f=${f%.mbn}
		f_var "$f"
		eval "D_$FV=$x"
	done
	f_var "$1"
	eval "RPD=\${D_$FV:-}"
	[ -n "$RPD" ]
}

# rp_wait DIR STATE SECONDS: lib.sh's wait_state without a fork per poll
rp_wait() {
	local w=0
	while :; do
		read -r RPS <"$1/state"
		[ "$RPS" = "$2" ] && return 0
		w=$((w + 1))
		[ $w -gt $(($3 * 10)) ] && return 1
		usleep 100000
	done
}

# rp_start NAME: 0 if `echo start` succeeded and the state is running
rp_start() {
	rp_d "$1" || return 2
	echo start >"$RPD/state" 2>/dev/null || return 1
	rp_wait "$RPD" running 10
}
rp_stop() {
	rp_d "$1" || return 2
	echo stop >"$RPD/state" 2>/dev/null || return 1
	rp_wait "$RPD" offline 10
}
rp_state() { rp_d "$1" && read -r RPS <"$RPD/state" && echo "$RPS"; }

# lockdep_alive: lockdep is still on (its first report turns it off, and
# blinds it for the rest of the boot)
lockdep_alive() {
	[ -e /proc/lockdep_stats ] || return 0
	grep -qE 'debug_locks: +1' /proc/lockdep_stats
}

# f_fact KEY VALUE: a figure for the host's summary
f_fact() { echo "# fact: $1=$2"; }

# kmemleak: scan, attribute each unreferenced object to a case.
# Prints "# leak: CASE: <first lines>" and returns the number of leaks;
# /tmp/f_leak_cases has "CASE N" for each case with leaks.
# kmemleak reports an object only if it is 5 s old and its contents (a
# checksum) did not change since the previous scan: the first scan after an
# allocation never reports it, so f_kmemleak scans twice (mutant 81 of
# 6.12 found that one scan missed a leaked resource table).
# f_kmemleak nowait: scan at once, once (a soak that scans every N cycles).
# f_kmemleak UPTIME: what was allocated up to UPTIME must be seen.
f_kmemleak() {
	local n up last	# busybox sh: callers' variables are globals too
	: >/tmp/f_leak_cases	# "CASE N" per case with leaks ("boot": before any)
	[ -e $KML ] || { echo "# kmemleak: not available in this kernel"; return 0; }
	# a case's allocations must be 5 s old to be reported
	if [ "${1:-}" != nowait ]; then
		echo scan >$KML
		up=$(f_uptime)
		last=${1:-$(tail -n1 /tmp/f_cases 2>/dev/null | awk '{ print $3 }')}
		[ -n "$last" ] || last=$up
		sleep "$(awk "BEGIN { w = $last + 5.5 - $up; print (w > 0 ? w : 0) }")"
	fi
	echo scan >$KML
	up=$(f_uptime)
	cat $KML >/tmp/f_kml
	n=0
	if grep -q '^unreferenced object' /tmp/f_kml; then
		# when it was allocated: "(age S.SSSs)" (older kernels) or "jiffies
		# J" (6.x: uptime = (J - INITIAL_JIFFIES) / HZ, HZ 250 on the platform).
		# One leak is the base kernel's, not the series' (NOTES.md): the PAS
		# driver never releases the DTB image's struct firmware after a start
		# (request_firmware() in qcom_pas_load()); it is shown and not counted
		# (fixed upstream by "remoteproc: qcom_q6v5_pas: Fix dtb firmware
		# lifecycle and leak", under review, not in 7.3.4).
		awk -v up="$up" -v out=/tmp/f_nleak -v percase=/tmp/f_leak_cases '
			function flush() {
				if (obj == "") return
				if (body ~ /qcom_pas_load/ && body ~ /request_firmware/) {
					if (!known++) print "# leak (known, base kernel: dtb_firmware never released): " hdr
				} else {
					n++
					per[c]++
					if (n <= 3) { print "# leak: " hdr; printf "%s", body }
				}
				obj = ""
			}
			FNR == NR { name[NR] = $1; b[NR] = $2; e[NR] = ($3 == "" ? 1e9 : $3); nc = NR; next }
			/^unreferenced object/ { flush(); obj = $0; hdr = obj; body = ""; nl = 0; c = "boot"; next }
			obj != "" && hdr == obj && (/age [0-9.]+s/ || /jiffies [0-9]+/) {
				if (match($0, /age [0-9.]+s/)) t = up - substr($0, RSTART + 4, RLENGTH - 5)
				else { match($0, /jiffies [0-9]+/); t = (substr($0, RSTART + 8, RLENGTH - 8) - 4294892296) / 250 }
				c = "boot"
				# the last case begun before it (before the first: the boot)
				for (i = 1; i <= nc; i++) if (t >= b[i]) c = name[i]
				hdr = c ": " obj " (" $0 ")"
				next
			}
			obj != "" && /^    / { if (nl++ < 16) body = body "# leak:   " $0 "\n"; next }
			END {
				flush()
				if (known) print "# leak: " known " known base-kernel leak(s) not counted"
				print n + 0 > out
				for (k in per) print k, per[k] > percase
			}
		' /tmp/f_cases /tmp/f_kml
		read -r n </tmp/f_nleak
	fi
	echo clear >$KML
	f_fact leaks "$n"
	return "$n"
}

# As /init (rdinit=), the same bring-up as platform/initramfs/init, but the
# number of remoteprocs to wait for comes from pas.rprocs=.
f_init() {
	export PATH=/bin:/sbin:/usr/bin:/usr/sbin
	/bin/busybox mount -t proc proc /proc
	/bin/busybox --install -s
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev 2>/dev/null
	mount -t debugfs debugfs /sys/kernel/debug
	. /lib/pas/lib.sh
	finish() {
		echo "pas-result: $1"
		# and through printk, which reaches the console before the power-off
		# even when a starved vCPU never drains the tty's buffer (a loaded host)
		echo "pas-result: $1" >/dev/kmsg
		sync
		# the UART driver sends what we wrote from its buffer: let it drain
		usleep 200000
		poweroff -f
		sleep 10
	}
	s=$(cmdline_arg pas.faults)
	want=$(cmdline_arg pas.rprocs)
	[ -n "$want" ] || want=5
	[ -f "/lib/pas/scenarios/$s.sh" ] || { echo "faults: unknown pas.faults='$s'"; finish 2; }
	insmod /lib/modules/pas_fixture.ko || { echo "faults: insmod pas_fixture.ko failed"; finish 3; }
	wait_remoteprocs "$want" 20 || finish 4
	wait_probes_settled 20 || finish 4
	[ "$want" -ge 5 ] || sleep 0.5	# let the failing probe finish printing
	install_firmware
	. "/lib/pas/scenarios/$s.sh"
	scenario_main
	finish $?
}

if [ -z "${F_IN_INIT:-}" ]; then
	case $0 in
	*/faults.sh) F_IN_INIT=1; f_init ;;
	esac
fi

scenario_main() {
	echo "# faults: helper of baddt, inject and soak; boot with rdinit=/lib/pas/scenarios/faults.sh pas.faults=NAME"
	return 0
}
