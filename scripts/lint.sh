#!/usr/bin/env bash
# `make lint`: clang-tidy (.clang-tidy) on every source file of the program, with the compile
# commands of the release build. Prints the findings; exits 1 when there is any.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
db=build/release/compile_commands.json
[[ -f "$db" ]] || { echo "lint: no $db; run make build first" >&2; exit 2; }
files=$(git ls-files 'src/*.cpp' | grep -v '_test\.cpp$')
out=$(mktemp)
# GCC's precompiled headers mean nothing to clang: the commands are given without them.
mkdir -p build/lint
python3 - "$db" build/lint/compile_commands.json <<'PY'
import json, re, sys
commands = json.load(open(sys.argv[1]))
for c in commands:
    c['command'] = re.sub(r' -Winvalid-pch| -include \S*cmake_pch\.hxx', '', c['command'])
json.dump(commands, open(sys.argv[2], 'w'))
PY
# run-clang-tidy runs one clang-tidy a file on every core.
run-clang-tidy-14 -quiet -p build/lint $files >"$out" 2>/dev/null || true
grep -E "warning:|error:" "$out" | sort -u | tee build/lint.txt
count=$(grep -cE "warning:|error:" build/lint.txt || true)
echo "lint: $count findings in $(echo "$files" | wc -w) files (build/lint.txt)"
rm -f "$out"
[[ "$count" == 0 ]]
