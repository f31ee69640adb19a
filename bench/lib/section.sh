# Sourced by the bench scripts. write_section README SECTION: replaces, in README, the section
# whose "## " heading is SECTION's first line (up to the next "## " heading), or appends SECTION
# when README has none yet; README "-" prints SECTION instead.
write_section() {
  if [[ $1 == - ]]; then
    echo "$2"
    return
  fi
  python3 - "$1" "$2" <<'PY'
import re, sys
path, section = sys.argv[1], sys.argv[2]
heading = section.split("\n", 1)[0]
text = open(path).read()
pattern = re.compile("^" + re.escape(heading) + r"\n.*?(?=^## |\Z)", re.S | re.M)
text = pattern.sub(lambda _: section + "\n\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + section + "\n"
open(path, "w").write(text)
PY
}
