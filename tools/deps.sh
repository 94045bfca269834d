#!/usr/bin/env bash
# Installs the Debian packages the project needs to build, run and test,
# and those named as arguments (.ci/run's tools), when any is missing. Quiet
# when everything is there.
set -euo pipefail

packages=(
  gcc make pkg-config
  libfcgi-dev libmariadb-dev libxml2-dev libxslt1-dev libpcre2-dev libssl-dev libcrypt-dev libzxcvbn-dev tzdata
  mariadb-server mariadb-client nginx openssl
  curl libxml2-utils procps
)
# make cluster and make test-cluster: Galera, and what its state
# transfers (rsync) use
if [ "${MP_CLUSTER:-0}" = 1 ]; then
  packages+=(galera-4 rsync iproute2)
fi
# the browser tests drive Debian's Chromium
if [ "${MP_SKIP_BROWSER:-0}" != 1 ]; then
  packages+=(chromium fonts-wqy-microhei)
fi
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "deps: missing Debian packages: ${missing[*]}" >&2
  echo "deps: run as root, or install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# keep package scripts from starting system services of their own
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  made_policy=1
fi
trap '[ $made_policy = 1 ] && rm -f "$policy"' EXIT
if ! apt-get install -y -q --no-install-recommends "${missing[@]}" > /tmp/mp-deps.log 2>&1; then
  apt-get update -q >> /tmp/mp-deps.log 2>&1
  if ! apt-get install -y -q --no-install-recommends "${missing[@]}" >> /tmp/mp-deps.log 2>&1; then
    tail -20 /tmp/mp-deps.log >&2
    echo "deps: apt-get install failed (log: /tmp/mp-deps.log)" >&2
    exit 1
  fi
fi
echo "deps: done"
