#!/usr/bin/env bash
# The one test command (README): installs the system packages the tests need when they are missing,
# then runs every test and prints "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

# psql and the PostgreSQL 15 server (the reference the differential tests compare against),
# psycopg 3 for Debian's python3, and pgjdbc with a Java runtime for the CopyManager tests.
packages=(postgresql-15 postgresql-client-15 python3-psycopg libpostgresql-jdbc-java)
missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
status=0
dotnet test IrisPgWire.slnx -c Release --logger "trx;LogFileName=results.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" || status=$?

trx="$(find "$results" -name '*.trx' | head -n 1)"
if [ -z "$trx" ]; then
  echo "0 passed, 0 failed"
  echo "No test results were written." >&2
  exit 1
fi
counters="$(grep -o '<Counters [^>]*>' "$trx")"
count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
passed="$(count passed)"
failed="$(count failed)"
total="$(count total)"
skipped=$((total - passed - failed))
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
