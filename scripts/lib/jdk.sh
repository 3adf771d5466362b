# Sourceable: finds a JDK 21 or newer (Lambda's java21 runtime; the build compiles for release 21).
# Used by scripts/lib/bootstrap.sh and, through scripts/java-home, by functions/Makefile (sam build).

# The major version of a java binary, or 0 when it does not run.
java_major() {
  local version
  version=$("$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}') || true
  version=${version%%.*}
  [[ "$version" =~ ^[0-9]+$ ]] && echo "$version" || echo 0
}

# Prints the home of the newest JDK 21+ among $JAVA_HOME, the javac on PATH and the usual install
# places; fails (status 1) when there is none.
find_jdk_home() {
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
  [[ -n "$best" ]] || return 1
  echo "$best"
}
