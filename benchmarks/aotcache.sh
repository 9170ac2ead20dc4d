#!/usr/bin/env bash
# Measures the JDK 25 AOT cache (JEP 483/514: -XX:AOTCacheOutput to train, -XX:AOTCache to use) for
# the floor, the quickstart's schema (envelope), the realistic schema and a one-secret Doppler load,
# the same way for each: one training run, then --runs N alternating rounds of every way with and
# without its cache. Prints a Markdown table of medians and the spread.
#
#   /work/bin/mvn-locked -B -ntp -q -pl benchmarks -am package -DskipTests   # (or ./mvnw ...)
#   benchmarks/aotcache.sh [--java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java] [--runs 10]
#
# The class path must be jars, identical at training and use; the cache is tied to the JDK build.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
java="${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
runs=10
while [[ $# -gt 0 ]]; do
  case "$1" in
    --java) java="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: aotcache.sh [--java PATH] [--runs N]" >&2; exit 2 ;;
  esac
done
[[ -f "$here/target/classpath/envelope.txt" ]] || { echo "aotcache.sh: build the benchmarks first" >&2; exit 1; }

work="$here/target/aot"
mkdir -p "$work"
cp "$here/src/main/resources/dev/envelope/benchmarks/fixture.env" "$work/.env"
jar="$here/target/envelope-benchmarks.jar"
core_cp="$jar:$(cat "$here/target/classpath/envelope.txt")"
doppler_cp="$jar:$(cat "$here/target/classpath/doppler.txt")"
pkg=dev.envelope.benchmarks

# name|class path|main class|extra environment
ways=(
  "floor|$jar|$pkg.floor.FloorMain|"
  "envelope|$core_cp|$pkg.envelope.EnvelopeMain|"
  "envelope-realistic|$core_cp|$pkg.envelope.EnvelopeRealisticMain|"
  "doppler-two-secrets|$doppler_cp|$pkg.aot.DopplerOneSecretMain|ENVELOPE_PROVIDERS=doppler:api/prd"
)

run() { # class path, main, extra environment, JVM flags...
  local cp="$1" main="$2" extra="$3"; shift 3
  (cd "$work" && env -i PATH="$PATH" SMTP_PORT=2525 LOG_LEVEL=warn S3_REGION=eu-west-1 DATABASE_POOL_MAX=20 \
      SENTRY_DSN=https://public@sentry.example.com/1 DOPPLER_TOKEN=dp.st.prd.aotbenchmark0123456789 \
      DOPPLER_API_HOST="$doppler_host" $extra "$java" "$@" -cp "$cp" "$main")
}

# The Doppler way needs a local endpoint: the benchmark jar's stand-in, in a JVM of its own.
"$java" -cp "$jar:$(cat "$here/target/classpath/doppler.txt")" $pkg.aot.DopplerServerMain > "$work/doppler.port" &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -s "$work/doppler.port" ]] && break; sleep 0.1; done
doppler_host="http://127.0.0.1:$(cat "$work/doppler.port")"

# JDK 18+ implements reflection with method handles (JEP 416): the first Constructor.newInstance
# of each shape spins LambdaForm classes at run time, which the AOT cache does not hold. Envelope's
# load no longer calls reflection there (DirectCalls), so this column shows the flag gives nothing
# more; it stays to catch a reflective call that comes back.
native=-Djdk.reflect.useNativeAccessorOnly=true
for way in "${ways[@]}"; do
  IFS='|' read -r name cp main extra <<< "$way"
  rm -f "$work/$name.aot" "$work/$name-native.aot"
  run "$cp" "$main" "$extra" -XX:AOTCacheOutput="$work/$name.aot" -Xlog:aot=error > /dev/null 2>&1
  run "$cp" "$main" "$extra" $native -XX:AOTCacheOutput="$work/$name-native.aot" -Xlog:aot=error > /dev/null 2>&1
done

declare -A samples
for round in $(seq 0 "$runs"); do
  for way in "${ways[@]}"; do
    IFS='|' read -r name cp main extra <<< "$way"
    for mode in plain cache native; do
      flags=()
      [[ $mode == cache ]] && flags=(-XX:AOTCache="$work/$name.aot")
      [[ $mode == native ]] && flags=($native -XX:AOTCache="$work/$name-native.aot")
      start=$(date +%s%N)
      run "$cp" "$main" "$extra" "${flags[@]}" > /dev/null
      ms=$(( ($(date +%s%N) - start) / 1000000 ))
      [[ $round -gt 0 ]] && samples[$name.$mode]+="$ms "   # round 0 warms the page cache
    done
  done
done

stats() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {printf "%d ms (%d–%d)", a[int((NR+1)/2)], a[1], a[NR]}'; }
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
floor_plain=$(echo "${samples[floor.plain]}" | median)
echo "JDK: $("$java" -version 2>&1 | head -1); $runs rounds; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| way | no cache | vs floor | with its AOT cache | vs floor (no cache) | vs floor (with cache) | cache + \`$native\` | vs floor (with cache) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
floor_cache=$(echo "${samples[floor.cache]}" | median)
for way in "${ways[@]}"; do
  IFS='|' read -r name cp main extra <<< "$way"
  p=$(echo "${samples[$name.plain]}" | median); c=$(echo "${samples[$name.cache]}" | median)
  n=$(echo "${samples[$name.native]}" | median)
  printf "| %s | %s | %.2f× | %s | %.2f× | %.2f× | %s | %.2f× |\n" "$name" "$(echo "${samples[$name.plain]}" | stats)" \
    "$(echo "$p / $floor_plain" | bc -l)" "$(echo "${samples[$name.cache]}" | stats)" \
    "$(echo "$c / $floor_plain" | bc -l)" "$(echo "$c / $floor_cache" | bc -l)" \
    "$(echo "${samples[$name.native]}" | stats)" "$(echo "$n / $floor_cache" | bc -l)"
done
