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

# irq_count NAME-SUBSTRING: sum of /proc/interrupts counts of matching lines
irq_count() {
	grep "$1" /proc/interrupts | awk '{ s += $2 } END { print s + 0 }'
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
