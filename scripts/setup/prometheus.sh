#!/usr/bin/env bash
# Installs (apt, idempotent) the Prometheus server and promtool the telemetry test (tests/Qonduit.IntegrationTests/
# Telemetry) scrapes `qonduit serve` with. Quiet when both are already installed. Only the binaries are used: the
# test starts its own prometheus on a free port, never the package's systemd service.
set -euo pipefail

if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "prometheus.sh: must run as root (it installs packages)" >&2
  exit 1
fi
echo "prometheus.sh: installing prometheus"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends prometheus >/dev/null
