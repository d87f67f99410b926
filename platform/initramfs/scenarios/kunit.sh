# Scenario "kunit": nothing to do in userspace. The kernel (built with the
# series' KUnit suite, kernel/configs/kunit.config) ran it at boot because
# the command line says kunit.enable=1; the host parses the console's KTAP
# (tests/kunit.sh).
scenario_main() {
	echo "# kunit: the suites ran at boot; their KTAP is on the console"
	return 0
}
