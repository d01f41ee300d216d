#!/usr/bin/env bash
# Installs (apt, idempotent) the headless browser the API reference test (/docs) renders the page with. Quiet when
# chromium is already installed.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "chromium.sh: must run as root (it installs packages)" >&2
  exit 1
fi
echo "chromium.sh: installing chromium"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
