#!/usr/bin/env bash
# tests/platform/irq.sh - interrupts really flow: in the guest, booting,
# crashing (wdog, fatal; recovered) and stopping a remote raises all five of
# its SPIs (pended by the EL3 double) and the arch timer ticks;
# /proc/interrupts counts must rise.
. "$(dirname "$0")/lib.sh"
bash "$ROOT/platform/ensure_inputs.sh" "$SERIES_KERNEL"
t_plan 1
boot "$SERIES_KERNEL" noqhee irq
echo "$OUT" | grep -aE '^(not )?ok' | t_diag
if [ "$RC" -eq 0 ]; then t_ok "interrupt counts rise (arch_timer; ready, handover, wdog, fatal, stop-ack)"
else echo "# run rc $RC; logs $NS $SEC"; t_not_ok "interrupt counts rise (arch_timer; ready, handover, wdog, fatal, stop-ack)"; fi
t_exit
