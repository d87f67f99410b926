# Scenario "noprobe": the PAS driver must refuse every remote at probe
# (boot with pas.rprocs=0); the host reads the console for the reason.
scenario_main() {
	n=$(ls "$RP" 2>/dev/null | wc -l)
	echo "noprobe: $n remoteprocs registered"
	[ "$n" -eq 0 ]
}
