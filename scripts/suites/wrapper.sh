#!/usr/bin/env bash
# The ./qonduit wrapper rebuilds the CLI only when a source changed: checked in a scratch checkout holding the
# wrapper, one source file and a `dotnet` stand-in that records builds. The last line is "N passed, N failed".
set -uo pipefail
wrapper="$(cd "$(dirname "$0")/../.." && pwd)/qonduit"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
repo="$scratch/repo"
mkdir -p "$repo/src/Qonduit.Cli" "$scratch/bin"
cp "$wrapper" "$repo/qonduit"
printf 'class Program {}\n' > "$repo/src/Qonduit.Cli/Program.cs"
printf 'bin/\nobj/\n' > "$repo/.gitignore"
git -C "$repo" init -q && git -C "$repo" add -A && git -C "$repo" -c user.name=t -c user.email=t@t commit -qm init

# The stand-in: `dotnet publish` logs itself, prints progress and writes the dll (or fails when asked); `dotnet DLL` prints a version.
cat > "$scratch/bin/dotnet" <<'SH'
#!/usr/bin/env bash
if [ "$1" = publish ]; then
  echo build >> "$SCRATCH/builds"
  echo "Qonduit.Cli -> compiling (progress)"
  [ -f "$SCRATCH/fail" ] && exit 1
  mkdir -p "$SCRATCH/repo/src/Qonduit.Cli/bin/Release/net10.0/ready-to-run" && touch "$SCRATCH/repo/src/Qonduit.Cli/bin/Release/net10.0/ready-to-run/qonduit.dll"
  exit 0
fi
echo "qonduit 1.0.0"
SH
chmod +x "$scratch/bin/dotnet"
export SCRATCH="$scratch" PATH="$scratch/bin:$PATH"

passed=0; failed=0
builds() { [ -f "$scratch/builds" ] && wc -l < "$scratch/builds" || echo 0; }
check() { # name, expected builds during the call, expected exit code
  local before; before=$(builds)
  "$repo/qonduit" --version > "$scratch/out" 2> "$scratch/err"; local status=$?
  local made=$(( $(builds) - before ))
  if [ "$made" -eq "$2" ] && [ "$status" -eq "$3" ]; then passed=$((passed + 1)); echo "ok   $1"
  else failed=$((failed + 1)); echo "FAIL $1: $made build(s), exit $status; stderr: $(cat "$scratch/err")"; fi
}

check "the first call builds" 1 0
if grep -q "qonduit: building" "$scratch/err" && grep -q "(progress)" "$scratch/err" && grep -q "qonduit 1.0.0" "$scratch/out"; then
  passed=$((passed + 1)); echo "ok   the first build says so on stderr, with the build's own progress, and the verb's output follows"
else failed=$((failed + 1)); echo "FAIL the first build's messages: $(cat "$scratch/err")"; fi
check "a second call does not build" 0 0
mkdir -p "$repo/src/Qonduit.Cli/obj/Debug/net10.0"
touch "$repo/src/Qonduit.Cli/obj/Debug/net10.0/Qonduit.Cli.AssemblyInfo.cs"
check "files a Debug build wrote under obj/ do not make it build" 0 0
touch "$repo/src/Qonduit.Cli/Program.cs"
check "an edited source file makes it build" 1 0
check "once, not again" 0 0
touch "$repo/src/Qonduit.Cli/New.cs"
check "a new (untracked) source file makes it build" 1 0
touch "$scratch/fail"
touch "$repo/src/Qonduit.Cli/Program.cs"
check "a failed build fails the call" 1 1
rm "$scratch/fail"
check "and is tried again by the next call" 1 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
