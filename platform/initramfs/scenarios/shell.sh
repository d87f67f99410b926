# Scenario "shell": an interactive shell on the console (platform/run.sh --interactive).
scenario_main() {
	setsid cttyhack sh
	return 0
}
