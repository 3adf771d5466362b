# Sourced by the project's scripts. Finds or installs what the build and the local AWS need:
# a JDK 21+ (Lambda's java21 runtime), Maven, and a Python with moto's server for the emulator.
# Everything it installs goes under .tools/ in the repository (ignored by git) or, for Debian
# packages, through apt-get when running as root.

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS_DIR="$REPO_ROOT/.tools"
MOTO_VERSION="5.2.1"

log() { printf '[execready] %s\n' "$*" >&2; }
die() { printf '[execready] ERROR: %s\n' "$*" >&2; exit 1; }

# shellcheck source=jdk.sh
source "$REPO_ROOT/scripts/lib/jdk.sh"

# Exports JAVA_HOME for a JDK 21 or newer: $JAVA_HOME, the java on PATH, then the usual install places.
ensure_jdk() {
  local best best_major
  best=$(find_jdk_home) || die "no JDK 21 or newer was found (looked at JAVA_HOME, PATH and /usr/lib/jvm). The Lambda java21 runtime needs one: install e.g. Temurin 21 and set JAVA_HOME."
  best_major=$(java_major "$best/bin/java")
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven 3.8's bundled Guava trips JDK 24+'s sun.misc.Unsafe warnings; they are noise, not errors.
  if (( best_major >= 24 )); then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
  log "JDK $best_major at $JAVA_HOME (compiling for release 21)"
}

ensure_maven() {
  if ! command -v mvn >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
      log "installing Maven from Debian packages"
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null
    else
      die "Maven (mvn) is not installed; install Apache Maven 3.8+ and retry."
    fi
  fi
}

# Exports EXECREADY_PYTHON: a python3 that can import moto's server at the pinned version. Uses the
# machine's python when it already has it, else a virtualenv under .tools/.
ensure_moto() {
  local system_python venv="$TOOLS_DIR/moto-venv"
  system_python=$(command -v python3 || true)
  [[ -n "$system_python" ]] || die "python3 is not installed; the local AWS emulator (moto) needs it."
  if "$system_python" -c "import moto, flask, sys; sys.exit(0 if moto.__version__ == '$MOTO_VERSION' else 1)" 2>/dev/null; then
    export EXECREADY_PYTHON="$system_python"
  else
    if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c "import moto, flask" 2>/dev/null; then
      log "installing moto[server]==$MOTO_VERSION into $venv"
      "$system_python" -m venv "$venv" || die "python3 -m venv failed (on Debian: apt-get install python3-venv)"
      "$venv/bin/pip" install -q --disable-pip-version-check "moto[server]==$MOTO_VERSION"
    fi
    export EXECREADY_PYTHON="$venv/bin/python"
  fi
  log "moto $MOTO_VERSION via $EXECREADY_PYTHON"
}

# Runs Maven from the repository root without colour codes (Maven 3.8 emits some even in batch
# mode); its exit status is kept through the pipe by pipefail.
mvn_plain() {
  (cd "$REPO_ROOT" && mvn -B -Dstyle.color=never --no-transfer-progress "$@") 2>&1 | sed -u $'s/\x1b\\[[0-9;]*m//g'
}

# The same, quietly unless EXECREADY_VERBOSE is set.
mvn_quiet() {
  if [[ -n "${EXECREADY_VERBOSE:-}" ]]; then mvn_plain "$@"; else mvn_plain -q "$@"; fi
}

# Builds with Maven, showing progress compactly: a line per module, a count of downloads on a first
# run, errors, and the time taken. Maven's whole output goes to .tools/logs/maven.log, whose tail is
# shown when the build fails. EXECREADY_VERBOSE=1 shows Maven's own output instead.
mvn_build() {
  local what="$1" log_file="$TOOLS_DIR/logs/maven.log" started=$SECONDS status=0
  shift
  mkdir -p "$TOOLS_DIR/logs"
  log "$what with Maven (the first run downloads dependencies from Maven Central: a few minutes)"
  if [[ -n "${EXECREADY_VERBOSE:-}" ]]; then
    mvn_plain "$@" || status=$?
  else
    (cd "$REPO_ROOT" && mvn -B -Dstyle.color=never "$@") 2>&1 | sed -u $'s/\x1b\\[[0-9;]*m//g' | tee "$log_file" \
      | awk '
          /^\[INFO\] Building .*\[[0-9]+\/[0-9]+\]$/ {
            step = $NF; sub(/^\[INFO\] Building /, ""); sub(/ +\[[0-9]+\/[0-9]+\]$/, "");
            printf "[execready]   %s %s\n", step, $0; fflush(); next }
          /^\[INFO\] Compiling [0-9]+ source files? / {
            sub(/^\[INFO\] /, ""); sub(/ with javac.*/, ""); printf "[execready]       %s\n", tolower(substr($0, 1, 1)) substr($0, 2); fflush(); next }
          /^\[INFO\] Downloaded from / {
            if (++downloads % 50 == 0) { printf "[execready]   %d files downloaded so far\n", downloads; fflush() } next }
          /^\[ERROR\]/ { print; fflush() }' >&2 || status=$?
  fi
  if (( status != 0 )); then
    [[ -z "${EXECREADY_VERBOSE:-}" ]] && tail -n 40 "$log_file" >&2
    die "the Maven build failed (exit $status); full log: $log_file"
  fi
  log "$what: done in $((SECONDS - started)) s"
}

# Runs a JVM that starts the local emulators (java ARGS...) and returns its exit status. Java runs in
# the background and this shell waits for it, so Ctrl-C (SIGINT) or SIGTERM reaches the trap below
# even while Java runs; the trap passes it on as SIGTERM, which runs the JVM's shutdown hooks (they
# stop moto, DynamoDB Local and the function processes). Everything the JVM writes to its temporary
# directory (moto's launcher and logs, the functions' working directories, sqlite4java's native
# library) goes to one directory of this run, removed when the script exits, whatever happened.
# --enable-native-access: DynamoDB Local loads sqlite4java's native library (no JDK 22+ warning).
run_emulator_jvm() {
  RUN_TMP=$(mktemp -d "${TMPDIR:-/tmp}/execready-run-XXXXXX")
  JAVA_PID=""
  trap run_emulator_jvm__stop INT TERM
  trap run_emulator_jvm__clean_up EXIT
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Djava.io.tmpdir="$RUN_TMP" "$@" &
  JAVA_PID=$!
  while kill -0 "$JAVA_PID" 2>/dev/null; do
    wait "$JAVA_PID" 2>/dev/null || true
  done
  local status=0
  wait "$JAVA_PID" 2>/dev/null || status=$?
  if [[ -n "${RUN_INTERRUPTED:-}" ]]; then
    return 130
  fi
  return "$status"
}

run_emulator_jvm__stop() {
  RUN_INTERRUPTED=1
  if [[ -n "${JAVA_PID:-}" ]] && kill -0 "$JAVA_PID" 2>/dev/null; then
    log "interrupted: stopping the emulators"
    kill -TERM "$JAVA_PID" 2>/dev/null || true
  fi
}

# Whatever outlived the JVM (it was killed outright): processes started from the run's directory,
# then the directory.
run_emulator_jvm__clean_up() {
  local status=$? pid
  [[ -n "${RUN_TMP:-}" && -d "$RUN_TMP" ]] || exit "$status"
  for pid in $(ps -eo pid=,args= | awk -v dir="$RUN_TMP" 'index($0, dir) {print $1}'); do
    [[ "$pid" == "$$" ]] || kill -TERM "$pid" 2>/dev/null || true
  done
  rm -rf "$RUN_TMP"
  exit "$status"
}
