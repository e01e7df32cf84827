#!/usr/bin/env bash
# Sets up NOMAD on Debian 12 with Node 20: Debian packages that are missing, npm packages, and the build.
#   bash scripts/setup.sh          what `nomad start` needs (influxdb)
#   bash scripts/setup.sh --test   also what the test suite needs (SLURM, ...)
# Idempotent: a second run installs nothing and rebuilds only the TypeScript.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf '[setup] %s\n' "$*" >&2; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  say "Node 20 or newer is required (found: $(node --version 2>/dev/null || echo none))"
  exit 1
fi

apt_updated=0
apt_install() {
  # Installs the given Debian packages if any is missing. Daemons are started by NOMAD itself, never by the package.
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    say "missing Debian packages: ${missing[*]}; run this script as root, or: sudo apt-get install ${missing[*]}"
    exit 1
  fi
  if [ $apt_updated -eq 0 ]; then
    say "apt-get update"
    apt-get update -qq
    apt_updated=1
  fi
  say "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

apt_install influxdb influxdb-client curl openssl

if [ $want_test -eq 1 ]; then
  # Real tools the collector tests run: quota-tools on a loop-mounted ext4, lm-sensors (finds nothing in a VM).
  apt_install quota lm-sensors e2fsprogs
  for extra in scripts/install-*.sh; do
    [ -f "$extra" ] && bash "$extra"
  done
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

say "building"
npm run --silent build
say "ready"
