#!/usr/bin/env bash
# Rewrites the public API files of libraries that track their surface (<TrackPublicApi>true</TrackPublicApi> in the
# .csproj; Directory.Build.targets adds the analyzer, and a surface that differs from the files fails the build):
#   scripts/public-api.sh PROJECT...          PublicAPI.Unshipped.txt := today's surface not yet shipped, and every shipped
#                                             symbol that is gone as *REMOVED*; PublicAPI.Shipped.txt stays
#   scripts/public-api.sh --ship PROJECT...   PublicAPI.Shipped.txt := today's surface; PublicAPI.Unshipped.txt empty
# PROJECT is a project directory or .csproj, e.g. src/Qonduit.Client. Review the diff of the files before committing.
set -euo pipefail
cd "$(dirname "$0")/.."

ship=false
if [ "${1:-}" = "--ship" ]; then ship=true; shift; fi
if [ $# -eq 0 ]; then
  echo "usage: scripts/public-api.sh [--ship] PROJECT..." >&2
  exit 2
fi

header='#nullable enable'
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for project in "$@"; do
  if [ -d "$project" ]; then project=$(ls "$project"/*.csproj); fi
  dir=$(dirname "$project")
  if ! grep -q '<TrackPublicApi>true</TrackPublicApi>' "$project"; then
    echo "$project does not set <TrackPublicApi>true</TrackPublicApi>" >&2
    exit 2
  fi
  shipped="$dir/PublicAPI.Shipped.txt"
  unshipped="$dir/PublicAPI.Unshipped.txt"
  touch "$shipped"
  grep -v -e '^#nullable' -e '^\*REMOVED\*' -e '^$' "$shipped" | LC_ALL=C sort -u > "$work/shipped" || true

  # With both files empty, the analyzer's own fix for RS0016 writes the whole surface into PublicAPI.Unshipped.txt.
  echo "$header" > "$shipped"
  echo "$header" > "$unshipped"
  echo "== $project: reading the public surface"
  dotnet format analyzers "$project" --diagnostics RS0016 --severity info -v q
  # The fix skips source-generated members (a JSON context's type-info properties); the build still names them.
  dotnet build "$project" -c Release -nologo -v q 2>/dev/null | grep -o "RS0016: Symbol '[^']*'" | sed "s/^RS0016: Symbol '//; s/'\$//" \
    >> "$unshipped" || true
  grep -v -e '^#nullable' -e '^$' "$unshipped" | LC_ALL=C sort -u > "$work/surface" || true

  if $ship; then
    { echo "$header"; cat "$work/surface"; } > "$shipped"
    echo "$header" > "$unshipped"
  else
    { echo "$header"; cat "$work/shipped"; } > "$shipped"
    { echo "$header"; LC_ALL=C comm -23 "$work/surface" "$work/shipped"; LC_ALL=C comm -13 "$work/surface" "$work/shipped" | sed 's/^/*REMOVED*/'; } > "$unshipped"
  fi
  echo "== $project: $(wc -l < "$work/surface") public symbols; checking that it builds with the files"
  dotnet build "$project" -c Release -nologo -v q
done
