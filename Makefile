# Verbs of the project. Each is a thin call into scripts/, checks/, tests/ or
# platform/; run `make help` for the list.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# TRACK=<series/ folder> picks the base and series (default 6.12-lts); test
# and check run every track unless TRACK is given.
ifdef TRACK
export PAS_TRACK := $(TRACK)
export PAS_TRACKS := $(TRACK)
endif

help: ## this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t14

setup: ## install the toolbox, fetch and verify the pinned base
	@bash scripts/toolbox.sh && bash scripts/base.sh && bash scripts/versions.sh

apply: setup ## build/<track>/linux := base + series/<track>/patches (git am)
	@bash scripts/series.sh apply

export: ## write build/<track>/linux's commits back to series/<track>/patches
	@bash scripts/series.sh export

build: setup ## arm64 Image of build/<track>/linux (builtin config)
	@bash scripts/series.sh build

check: setup ## the static gate only
	@bash scripts/test.sh check

kunit: setup ## the series' KUnit suite under QEMU
	@bash tests/kunit.sh

demo: ## boot the platform, start all five remoteprocs through sysfs (every track)
	@for t in $${PAS_TRACKS:-$$(cd series && ls -d */ | tr -d /)}; do \
		PAS_TRACK=$$t bash scripts/toolbox.sh && PAS_TRACK=$$t bash scripts/base.sh && \
		PAS_TRACK=$$t bash platform/demo.sh || exit 1; done

test: ## every test and check; ends with "N passed, N failed"
	@bash scripts/test.sh all

bench: setup ## benchmarks (loop time, start cost, mapping) and 6.12+series / 7.3 / 7.3+series side by side
	@bash bench/run.sh && bash bench/compare.sh

soak: setup ## the long soak: 1000 start/stop and 100 crash-recovery cycles on the debug kernel
	@bash tests/faults/soak.sh --long

clean: ## remove this checkout's build folder (caches stay)
	rm -rf build

.PHONY: help setup apply export build check kunit demo test bench soak clean
