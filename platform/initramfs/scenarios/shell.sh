# Scenario "shell": an interactive shell on the console (PAS_INTERACTIVE=1 platform/run.sh KERNEL MODE shell).
scenario_main() {
	setsid cttyhack sh
	return 0
}
