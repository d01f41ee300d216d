#!/usr/bin/env bash
# Stops the single-node cluster started by scripts/setup/slurm.sh (slurmd, slurmctld, and the munged it started),
# by the pids the daemons recorded. Jobs still running are cancelled first. The state directory is kept.
set -uo pipefail
state_dir=${QONDUIT_SLURM_DIR:-/tmp/qonduit-slurm}

stop() {
  local pidfile=$1 pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && echo "slurm-stop.sh: process $pid ($pidfile) still running" >&2
  fi
  rm -f "$pidfile"
}

scancel --full --user=root >/dev/null 2>&1 || true
stop "$state_dir/slurmd.pid"
stop "$state_dir/slurmctld.pid"
stop /run/munge/munged.pid
echo "slurm-stop.sh: stopped"
