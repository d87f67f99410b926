# Shell helpers of the guest's scenarios (busybox sh). Functions keep their
# variables local: scenarios have their own loop counters.

RP=/sys/class/remoteproc
DBG=/sys/kernel/debug/pas_double

cmdline_arg() {
	local a
	for a in $(cat /proc/cmdline); do
		case $a in "$1="*) echo "${a#*=}" ;; esac
	done
}

# wait_remoteprocs N SECONDS: until N remoteprocs are registered
wait_remoteprocs() {
	local i=0
	while [ "$(ls $RP 2>/dev/null | wc -l)" -lt "$1" ]; do
		i=$((i + 1))
		if [ $i -gt $(($2 * 10)) ]; then
			echo "init: only $(ls $RP | wc -l) of $1 remoteprocs probed after $2 s"
			cat /sys/kernel/debug/devices_deferred 2>/dev/null
			return 1
		fi
		usleep 100000
	done
}

# wait_probes_settled SECONDS: until no remoteproc device waits for a deferred
# probe (a probe that fails for good leaves no remoteproc to wait for)
wait_probes_settled() {
	local i=0
	while grep -q 'remoteproc' /sys/kernel/debug/devices_deferred 2>/dev/null; do
		i=$((i + 1))
		[ $i -le $(($1 * 10)) ] || { echo "init: remoteproc probes still deferred after $1 s"; return 1; }
		usleep 100000
	done
}

# After probe, not before: a firmware file present at probe time auto-boots.
install_firmware() {
	mkdir -p /lib/firmware/qcom/sa8775p
	cp /lib/firmware-staging/* /lib/firmware/qcom/sa8775p/ 2>/dev/null
}

# Remotes are keyed by firmware basename (adsp, cdsp0, ...: the names of
# ABI.md and of the double's debugfs dirs); the rproc name is the driver's
# sysmon_name, which is "cdsp" for cdsp0.
rproc_key() { local f; f=$(cat "$1/firmware"); f=${f##*/}; echo "${f%.mbn}"; }

# rproc_dir KEY: the sysfs dir of that remoteproc
rproc_dir() {
	local d
	for d in $RP/*; do
		[ "$(rproc_key "$d")" = "$1" ] && echo "$d" && return 0
	done
	return 1
}

rproc_names() { local d; for d in $RP/*; do rproc_key "$d"; done; }

# selected_remotes: pas.remotes=NAME,... from the command line, else every remote
selected_remotes() {
	local l
	l=$(cmdline_arg pas.remotes | tr , ' ')
	[ -n "$l" ] || l=$(rproc_names)
	echo $l
}

# wait_state DIR STATE SECONDS
wait_state() {
	local i=0
	while [ "$(cat "$1/state")" != "$2" ]; do
		i=$((i + 1))
		[ $i -gt $(($3 * 10)) ] && return 1
		usleep 100000
	done
}

dbg() { cat "$DBG/$1" 2>/dev/null; }

# The double's audit of a remote (ABI.md, PASD_AUDIT), one line:
#   leaves=N bridges=N stream=stage1|none|bypass|error faults=N[ last-fault: TEXT]
# audit_clean LINE: after a stop nothing is mapped for the SID, no bridge lies
# over its carveout(s), the stream is neither bypass (everything reachable)
# nor unreadable, and the remote never faulted (the double's FAULTED: its
# mappings changed while it ran, or Linux wrote into its memory). No fork.
audit_clean() {
	case $1 in
	"leaves=0 bridges=0 stream=stage1 faults=0" | "leaves=0 bridges=0 stream=none faults=0") return 0 ;;
	esac
	return 1
}

# expect_leaves NAME: leaves of one set of Linux's mappings for the remote,
# from the platform's facts (the double's table: carveouts and devmem windows
# as iommu_map() splits them, ABI.md PASD_EXPECT), never from a first run.
expect_leaves() { local e; read -r e <"$DBG/$1/expect" && e=${e#leaves=} && echo "${e%% *}"; }

# irq_count NAME-SUBSTRING: sum of /proc/interrupts counts of matching lines,
# over every CPU's column
irq_count() {
	grep "$1" /proc/interrupts |
		awk '{ for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) s += $i } END { print s + 0 }'
}

# KTAP, as kselftest's ktap_helpers.sh prints it
KTAP_N=0
KTAP_FAIL=0
ktap_header() { echo "KTAP version 1"; echo "1..$1"; }
ktap_ok() { KTAP_N=$((KTAP_N + 1)); echo "ok $KTAP_N $*"; }
ktap_not_ok() { KTAP_N=$((KTAP_N + 1)); KTAP_FAIL=$((KTAP_FAIL + 1)); echo "not ok $KTAP_N $*"; }
ktap_check() { # ktap_check CONDITION-RC DESCRIPTION
	if [ "$1" -eq 0 ]; then ktap_ok "$2"; else ktap_not_ok "$2"; fi
}
ktap_result() { [ $KTAP_FAIL -eq 0 ]; }
