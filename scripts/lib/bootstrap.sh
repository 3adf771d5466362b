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

# The major version of a java binary, or 0 when it does not run.
java_major() {
  local version
  version=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}') || true
  version=${version%%.*}
  [[ "$version" =~ ^[0-9]+$ ]] && echo "$version" || echo 0
}

# Exports JAVA_HOME for a JDK 21 or newer: $JAVA_HOME, the java on PATH, then the usual install places.
ensure_jdk() {
  local candidates=() home best="" best_major=0 major
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if command -v javac >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")")
  fi
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/java/* "$HOME"/.sdkman/candidates/java/* \
              /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [[ -d "$home" ]] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    [[ -x "$home/bin/java" && -x "$home/bin/javac" ]] || continue
    major=$(java_major "$home/bin/java")
    if (( major >= 21 && major > best_major )); then best="$home"; best_major=$major; fi
  done
  if [[ -z "$best" ]]; then
    die "no JDK 21 or newer was found (looked at JAVA_HOME, PATH and /usr/lib/jvm). The Lambda java21 runtime needs one: install e.g. Temurin 21 and set JAVA_HOME."
  fi
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
