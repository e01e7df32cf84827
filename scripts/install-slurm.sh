#!/usr/bin/env bash
# Installs Debian's SLURM, munge and MariaDB for the test cluster (test/harness/slurm-cluster.ts).
# Idempotent: does nothing when every package is already there. Assumes root; never starts a service
# (the harness starts each daemon itself, with its state in a temp dir).
set -euo pipefail

PACKAGES=(slurmctld slurmd slurm-client munge slurmdbd mariadb-server-core mariadb-client-core)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-slurm: all packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-slurm: need root to install: ${missing[*]}" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# One update, only when the package lists are absent or the first install attempt cannot find a package.
if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
  apt-get update -qq
fi
if ! apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "install-slurm: installed ${missing[*]}"
