# Scenario "demo": the ab scenario, expecting every remote to run (make demo).
. /lib/pas/scenarios/ab.sh
