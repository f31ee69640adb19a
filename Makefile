# The two commands of the README: `make run` and `make test`. Everything they need is installed
# by scripts/install-deps.sh (Debian packages and the npm lock file).
SHELL := /bin/bash
export CCACHE_DIR ?= $(HOME)/.cache/ccache
# Hits across clones: paths are made relative to the source tree and the working folder is not hashed.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1
export CCACHE_SLOPPINESS := pch_defines,time_macros,include_file_mtime,include_file_ctime
export CCACHE_MAXSIZE ?= 5G

DB ?= sqlite:var/sohosolo.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= $(shell nproc)

.PHONY: deps build build-debug build-fuzz run test bench clean format lint

deps:
	@bash scripts/install-deps.sh

build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)

build-debug: deps
	cmake --preset debug-asan >/dev/null
	cmake --build --preset debug-asan -j $(JOBS)

build-fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)

run: build
	@mkdir -p var
	@bash scripts/run.sh "$(DB)" "$(LISTEN)"

test: build build-debug build-fuzz
	ctest --preset debug-asan -j $(JOBS)

bench: build
	bash bench/http/run.sh
	bash bench/server/run.sh
	bash bench/workspaces/run.sh
	bash bench/territory/run.sh

format:
	clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'bench/*.cpp' 'fuzz/*.cpp')

lint: build
	bash scripts/lint.sh

clean:
	rm -rf build
