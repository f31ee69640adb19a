#!/usr/bin/env bash
# Installs what building and testing sohosolo needs on Debian 12: the Debian packages (only
# when one is missing, so a second run is quick) and the npm packages of package-lock.json
# (only when node_modules is older than the lock file). Safe to run any number of times.
set -euo pipefail

root_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev
  libsoci-dev libsqlite3-dev libpq-dev libjemalloc-dev
  libkainjow-mustache-dev libsodium-dev libcli11-dev libspdlog-dev libfmt-dev
  libgtest-dev libgmock-dev
  postgresql chromium wrk sqlite3 faketime
  clang-14 libclang-rt-14-dev clang-format clang-tidy
  libproj-dev libgeos-dev proj-data libhowardhinnant-date-dev tzdata
  libpango1.0-dev libcairo2-dev fonts-dejavu-core poppler-utils
  libodfgen-dev librevenge-dev libzip-dev libxlsxwriter-dev unzip libxml2-utils
  libgmime-3.0-dev libcurl4-gnutls-dev libcmark-gfm-dev libcmark-gfm-extensions-dev
)

# Node may come from somewhere other than Debian (NodeSource, nvm, ...). Installing Debian's
# nodejs/npm over it can conflict, so only ask for them when no usable node and npm are on PATH.
node_major() {
  command -v node >/dev/null 2>&1 || return 1
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null
}
node_note="node from PATH"
major="$(node_major || true)"
if [[ -n "$major" && "$major" -ge 18 ]] && command -v npm >/dev/null 2>&1; then
  node_note="node $(node -v) and npm already on PATH"
else
  packages+=(nodejs npm)
  node_note="nodejs/npm from Debian"
fi

is_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

missing=()
for pkg in "${packages[@]}"; do
  is_installed "$pkg" || missing+=("$pkg")
done

as_root() {
  if [[ "$(id -u)" -eq 0 ]]; then
    "$@"
  else
    sudo "$@"
  fi
}

if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}" >&2
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y --no-install-recommends "${missing[@]}"
  # Debian's nodejs/npm may only now be on PATH.
  hash -r
fi

# npm packages: playwright-core (the browser-test driver, it uses Debian's /usr/bin/chromium),
# the OpenAPI checkers of the tests (swagger-parser, ajv) and front-end libraries (Leaflet,
# Redoc). Never let anything download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npm_note="npm: no package-lock.json"
if [[ -f "$root_dir/package-lock.json" ]]; then
  hidden_lock="$root_dir/node_modules/.package-lock.json"
  if [[ ! -f "$hidden_lock" || "$root_dir/package-lock.json" -nt "$hidden_lock" ]]; then
    (cd "$root_dir" && npm ci --no-audit --no-fund)
    npm_note="npm ci done"
  else
    npm_note="node_modules up to date"
  fi
fi

# Leaflet for the map page, served from web/static/vendor/leaflet (generated here, not
# committed): its dist folder and licence, copied again whenever node_modules has another one.
leaflet_src="$root_dir/node_modules/leaflet"
leaflet_dst="$root_dir/web/static/vendor/leaflet"
if [[ -f "$leaflet_src/dist/leaflet.js" ]] &&
  ! { cmp -s "$leaflet_src/dist/leaflet.js" "$leaflet_dst/leaflet.js" &&
    cmp -s "$leaflet_src/dist/leaflet.css" "$leaflet_dst/leaflet.css"; }; then
  rm -rf "$leaflet_dst"
  mkdir -p "$leaflet_dst"
  cp -R "$leaflet_src/dist/." "$leaflet_dst/"
  cp "$leaflet_src/LICENSE" "$leaflet_dst/LICENSE"
  npm_note="$npm_note; Leaflet copied to web/static/vendor/leaflet"
fi

# Redoc for the API page (/api), served from web/static/vendor/redoc the same way: its standalone
# bundle (no other file needed) and its licences.
redoc_src="$root_dir/node_modules/redoc"
redoc_dst="$root_dir/web/static/vendor/redoc"
if [[ -f "$redoc_src/bundles/redoc.standalone.js" ]] &&
  ! cmp -s "$redoc_src/bundles/redoc.standalone.js" "$redoc_dst/redoc.standalone.js"; then
  rm -rf "$redoc_dst"
  mkdir -p "$redoc_dst"
  cp "$redoc_src/bundles/redoc.standalone.js" "$redoc_src/bundles/redoc.standalone.js.LICENSE.txt" \
    "$redoc_src/LICENSE" "$redoc_dst/"
  npm_note="$npm_note; Redoc copied to web/static/vendor/redoc"
fi

echo "install-deps: ${#packages[@]} Debian packages checked, ${#missing[@]} installed${missing:+ (${missing[*]})}; ${node_note}; ${npm_note}"
