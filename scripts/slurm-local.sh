#!/usr/bin/env bash
# The single-node Slurm cluster Qonduit's tests and benchmarks use (loopback, GRES qpu, licences qpu_<device>):
#   scripts/slurm-local.sh start    install with apt if needed and start munged, slurmctld, slurmd (scripts/setup/slurm.sh)
#   scripts/slurm-local.sh stop     cancel jobs and stop the daemons (scripts/slurm-stop.sh); the state directory is kept
#   scripts/slurm-local.sh status   the daemons, the node's state, GRES and licences; exit 0 only when the node takes jobs
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
state_dir=${QONDUIT_SLURM_DIR:-/tmp/qonduit-slurm}

status() {
  local healthy=0 daemon pidfile
  for daemon in munged slurmctld slurmd; do
    pidfile="$state_dir/$daemon.pid"
    [ "$daemon" = munged ] && pidfile=/run/munge/munged.pid
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "$daemon: running (pid $(cat "$pidfile"))"
    else
      echo "$daemon: not running"
      healthy=1
    fi
  done
  local node
  node=$(sinfo -h -n "$(hostname -s)" -o '%t %G' 2>/dev/null | head -n 1)
  echo "node $(hostname -s): ${node:-unknown (slurmctld does not answer)}"
  scontrol show licenses --oneliner 2>/dev/null | awk '{ print "licence " $1 " " $2 " " $4 }'
  case "${node%% *}" in idle|mix|alloc|comp) ;; *) healthy=1 ;; esac
  return $healthy
}

case "${1:-}" in
  start) exec bash "$here/setup/slurm.sh" ;;
  stop) exec bash "$here/slurm-stop.sh" ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
