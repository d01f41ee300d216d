#!/usr/bin/env bash
# Installs (apt, idempotent) and starts a single-node Slurm cluster on loopback for Qonduit's tests and benchmarks:
# munged, slurmctld and slurmd run as root with their state under $QONDUIT_SLURM_DIR (default /tmp/qonduit-slurm),
# the node offers GRES qpu:2 and the cluster licences qpu_<device>:<lanes>. Safe to run again: a healthy cluster
# is left alone, a stopped one is started, a drained node is resumed. Ends once `sinfo` shows the node idle.
set -euo pipefail

state_dir=${QONDUIT_SLURM_DIR:-/tmp/qonduit-slurm}
licenses=${QONDUIT_SLURM_LICENSES:-qpu_ibm_fez:2,qpu_sim:4}
conf=/etc/slurm/slurm.conf
node=$(hostname -s)

if [ "$(id -u)" -ne 0 ]; then
  echo "slurm.sh: must run as root (it installs packages and starts daemons)" >&2
  exit 1
fi

packages=(slurmctld slurmd slurm-client munge libslurm-dev)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "slurm.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- munge: the key must exist and belong to munge, or munged refuses to start.
if [ ! -s /etc/munge/munge.key ]; then
  mkdir -p /etc/munge
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
fi
chown munge:munge /etc/munge /etc/munge/munge.key
chmod 0700 /etc/munge
chmod 0400 /etc/munge/munge.key
mkdir -p /run/munge /var/log/munge /var/lib/munge
chown munge:munge /run/munge /var/log/munge /var/lib/munge
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  runuser -u munge -- /usr/sbin/munged --force
  for _ in $(seq 50); do munge -n 2>/dev/null | unmunge >/dev/null 2>&1 && break; sleep 0.1; done
  munge -n | unmunge >/dev/null || { echo "slurm.sh: munged did not start" >&2; exit 1; }
fi

# --- configuration (regenerated every time; a change restarts the daemons below).
cpus=$(nproc)
mem_mb=$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)
real_mem=$(( mem_mb > 2048 ? mem_mb - 1024 : mem_mb / 2 ))
mkdir -p "$state_dir/ctld" "$state_dir/d" /etc/slurm
new_conf=$(cat <<CONF
# Written by scripts/setup/slurm.sh: a single-node Slurm cluster on loopback for Qonduit's tests.
ClusterName=qonduit
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$state_dir/ctld
SlurmdSpoolDir=$state_dir/d
SlurmctldPidFile=$state_dir/slurmctld.pid
SlurmdPidFile=$state_dir/slurmd.pid
SlurmctldLogFile=$state_dir/slurmctld.log
SlurmdLogFile=$state_dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU_Memory
# Start a batch job as soon as it is submitted: the default batch_sched_delay (3 s) batches submissions for
# high-throughput sites, which here would be most of a task's service overhead.
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
DefMemPerCPU=1024
ReturnToService=2
# Finished jobs stay visible to \`scontrol show job\` for an hour: without slurmdbd that is where terminal states come from.
MinJobAge=3600
KillWait=5
InactiveLimit=0
GresTypes=qpu
Licenses=$licenses
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$real_mem Gres=qpu:2 State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
)
changed=0
if [ ! -f "$conf" ] || [ "$(cat "$conf")" != "$new_conf" ]; then
  printf '%s\n' "$new_conf" > "$conf"
  changed=1
fi
gres="Name=qpu Count=2 Flags=CountOnly"
if [ ! -f /etc/slurm/gres.conf ] || [ "$(cat /etc/slurm/gres.conf)" != "$gres" ]; then
  printf '%s\n' "$gres" > /etc/slurm/gres.conf
  changed=1
fi

# A pid file outlives a reboot, and its number may name another process since: alive only if that process is the daemon.
alive() { [ -f "$state_dir/$1.pid" ] && [ "$(cat "/proc/$(cat "$state_dir/$1.pid")/comm" 2>/dev/null)" = "$1" ]; }

if [ $changed -eq 1 ]; then
  for daemon in slurmd slurmctld; do
    if alive "$daemon"; then
      pid=$(cat "$state_dir/$daemon.pid")
      kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  done
fi
# A controller started here starts empty (-c): jobs recovered from an earlier boot or an interrupted test run would hold
# the node's CPUs and licences that the tests count on, and their processes are gone anyway.
alive slurmctld || slurmctld -c
for _ in $(seq 100); do scontrol ping >/dev/null 2>&1 && break; sleep 0.1; done
alive slurmd || slurmd

# --- wait for the node: idle (or busy with jobs); resume it if an earlier run left it down or drained.
for i in $(seq 300); do
  state=$(sinfo -h -n "$node" -o %t 2>/dev/null | head -n 1 || true)
  case "$state" in
    idle|mix|alloc|comp) echo "slurm.sh: node $node is $state"; exit 0 ;;
    down*|drain*|drng*|fail*) [ $((i % 20)) -eq 1 ] && scontrol update nodename="$node" state=resume >/dev/null 2>&1 || true ;;
  esac
  sleep 0.1
done
echo "slurm.sh: node $node did not become idle (last state '${state:-none}'); see $state_dir/*.log" >&2
sinfo >&2 || true
exit 1
