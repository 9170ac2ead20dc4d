#!/usr/bin/env bash
# Times whole JVM runs of every way to load the quickstart's schema and prints Markdown tables.
#
#   ./mvnw -q -B -f benchmarks/pom.xml package && flock /tmp/mvn.lock benchmarks/coldstart.sh
#
# Options: --runs N (default 20), --flag-runs N (default 10; 0 skips the JVM-flags table),
# --variants envelope,spring,... (the floor always runs), --baseline-core JAR (also runs the
# Envelope ways with that envelope-core jar: before and after in one run; see docs/performance.md).
# Takes about 3.5 minutes with the defaults on 2 cores (about 7 with a baseline). Run it on an
# otherwise idle machine (the flock keeps builds that honour the lock away).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
if [[ ! -f "$here/target/classpath/envelope.txt" || ! -f "$here/target/envelope-benchmarks.jar" ]]; then
  echo "coldstart.sh: build the benchmarks first: ./mvnw -q -B -f benchmarks/pom.xml package" >&2
  exit 1
fi

echo "# Envelope cold-start benchmark"
echo
echo "Run $(date -u '+%Y-%m-%d %H:%M UTC') on:"
echo
echo '```'
echo "cpu:    $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //' || echo unknown)"
echo "kernel: $(uname -sr)"
echo "load:   $(cut -d" " -f1-3 /proc/loadavg) (1, 5, 15 min averages before this run)"
free -h | sed 's/^/        /'
java -version 2>&1 | sed 's/^/        /'
echo '```'
echo

exec java -cp "$here/target/classes" dev.envelope.benchmarks.coldstart.ColdStart --base "$here" "$@"
