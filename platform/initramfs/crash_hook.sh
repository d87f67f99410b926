#!/bin/sh
# RPROC_CRASH_HOOK for the series' kselftest: crash the remote through the
# EL3 double (it raises the wdog SPI, as a real remote's watchdog would)
# instead of the kernel's debugfs shortcut. Args: <sysfs dir> <rproc name>.
. /lib/pas/lib.sh
echo wdog >"$DBG/$(rproc_key "$1")/crash"
