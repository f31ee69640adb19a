#!/usr/bin/env bash
# Fails when a C++ file of the repository is not as `make format` (clang-format, .clang-format)
# would write it. Run by `make test`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'bench/*.cpp' 'fuzz/*.cpp' | xargs clang-format --dry-run --Werror
echo "format: $(git ls-files 'src/*.cpp' 'src/*.hpp' 'tests/*.cpp' 'bench/*.cpp' 'fuzz/*.cpp' | wc -l) files as clang-format writes them"
