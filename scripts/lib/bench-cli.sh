# Sourced by scripts/bench for `scripts/bench cli [RUNS]`: the cold time of `./execready check` on one
# task, process start to answer, against the demo account in the local emulator. The first run
# starts with an empty cache (no class-data archive, no remembered program versions), as a person's
# first run does; the later runs reuse what it left. Prints each figure and the conditions.

bench_cli() {
  local runs="${1:-10}" work pid ready i start end
  work="$(mktemp -d)"
  log "building the command-line jar and the demo emulator"
  mvn_quiet -pl cli -am -DskipTests package
  mvn_quiet -pl functions -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"
  local classpath="$REPO_ROOT/functions/target/test-classes:$REPO_ROOT/functions/target/classes:$(cat "$work/classpath")"

  mkfifo "$work/stdin"
  "$JAVA_HOME/bin/java" -cp "$classpath" io.execready.functions.local.DemoEmulator \
    --env-file "$work/env" --until-stdin-closes < "$work/stdin" > "$work/emulator.log" 2>&1 &
  pid=$!
  exec 3> "$work/stdin"   # the emulator stops when this closes
  trap 'exec 3>&-; wait '"$pid"' 2>/dev/null; rm -rf "'"$work"'"' EXIT
  for ((i = 0; i < 180; i++)); do
    [[ -f "$work/env" ]] && break
    kill -0 "$pid" 2>/dev/null || { cat "$work/emulator.log" >&2; die "the demo emulator stopped"; }
    sleep 1
  done
  [[ -f "$work/env" ]] || die "the demo emulator did not come up in 180 s"
  # shellcheck disable=SC1091
  source "$work/env"
  ready="$EXECREADY_DEMO_READY_TASK"
  export EXECREADY_CACHE_DIR="$work/cache"

  local times=() cpu=() code TIMEFORMAT='%3U %3S'
  for ((i = 0; i <= runs; i++)); do
    start=$(date +%s%N)
    code=0
    { time "$REPO_ROOT/execready" check --cluster execready-demo --task "$ready" > "$work/out" 2>&1 || code=$?; } 2> "$work/time"
    end=$(date +%s%N)
    if (( code != 0 && code != 1 && code != 2 )); then cat "$work/out" >&2; die "execready exited $code"; fi
    times+=($(( (end - start) / 1000000 )))
    cpu+=("$(awk '{printf "%d", ($1 + $2) * 1000}' "$work/time")")
  done

  local first="${times[0]}" sorted
  sorted=$(printf '%s\n' "${times[@]:1}" | sort -n)
  local count median p90 min max
  count=$(wc -l <<< "$sorted")
  median=$(sed -n "$(( (count + 1) / 2 ))p" <<< "$sorted")
  p90=$(sed -n "$(( (count * 9 + 9) / 10 ))p" <<< "$sorted")
  min=$(head -1 <<< "$sorted")
  max=$(tail -1 <<< "$sorted")
  printf '\nexecready check --task (one Fargate task of the demo account), process start to exit, %s\n' "$(date -u +%F)"
  printf '  %s CPUs, load average %s, %s\n' "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  printf '  first run (empty cache: archive written, programs asked): %s ms (CPU %s ms)\n' "$first" "${cpu[0]}"
  printf '  later runs (%s): median %s ms, p90 %s ms, min %s ms, max %s ms\n' "$count" "$median" "$p90" "$min" "$max"
  local cpu_sorted
  cpu_sorted=$(printf '%s\n' "${cpu[@]:1}" | sort -n)
  printf '  later runs, CPU time (user + system, all threads and the launcher): median %s ms\n' "$(sed -n "$(( (count + 1) / 2 ))p" <<< "$cpu_sorted")"
  printf '  exit status of the last run: %s (%s)\n' "$code" "$(tail -1 "$work/out")"
}
