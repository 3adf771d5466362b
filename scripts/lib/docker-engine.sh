# Sourced by scripts/sam-local after bootstrap.sh. Puts a Docker engine at hand for `sam local`:
# the one already running (DOCKER_HOST or the default socket) when there is one, else a dockerd of
# this run's own, installed from Debian's docker.io package when missing (as root), with its own
# data root, exec root, pid file and socket, and no iptables rules. The engine this run started is
# stopped again by its pid (stop_docker_engine, called from the caller's exit trap).
#
# Its data root stays under .tools/docker between runs, so the Lambda base image is built once.

DOCKER_ENGINE_STARTED=false
DOCKER_ENGINE_PID=""
DOCKER_ENGINE_CREATED_BRIDGE=false
DOCKER_ENGINE_START_SECONDS=60

apt_install() {
  if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    die "$* is not installed and this is not a root shell with apt-get: install it (Docker needs a running engine: Docker, or Finch with DOCKER_HOST set) and retry."
  fi
  log "installing $* from Debian packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null \
    || die "apt-get install $* failed"
}

docker_engine__answers() {
  timeout 20 docker info >/dev/null 2>&1
}

# Uses the running engine or starts one; $1 is this run's scratch directory (socket, pid file, exec root).
ensure_docker_engine() {
  local run_dir="$1" waited=0
  command -v docker >/dev/null 2>&1 || apt_install docker.io
  if docker_engine__answers; then
    log "using the running Docker engine (${DOCKER_HOST:-default socket})"
    return 0
  fi
  command -v dockerd >/dev/null 2>&1 || apt_install docker.io
  [[ $(id -u) -eq 0 ]] || die "no Docker engine answers and starting one needs root: start Docker (or Finch, with DOCKER_HOST pointing at it) and retry."

  [[ -e /sys/class/net/docker0 ]] || DOCKER_ENGINE_CREATED_BRIDGE=true
  mkdir -p "$TOOLS_DIR/docker"
  log "starting a Docker engine of this run's own (data root .tools/docker)"
  # No iptables rules and no masquerading: the containers talk only to each other and to this
  # host's end of their bridges. The default bridge stays: SAM reaches each function container
  # through a port published on 127.0.0.1.
  dockerd --data-root "$TOOLS_DIR/docker" --exec-root "$run_dir/exec" --pidfile "$run_dir/dockerd.pid" \
    -H "unix://$run_dir/docker.sock" --iptables=false --ip-masq=false >"$run_dir/dockerd.log" 2>&1 &
  DOCKER_ENGINE_PID=$!
  DOCKER_ENGINE_STARTED=true
  export DOCKER_HOST="unix://$run_dir/docker.sock"
  until docker_engine__answers; do
    if ! kill -0 "$DOCKER_ENGINE_PID" 2>/dev/null || (( waited >= DOCKER_ENGINE_START_SECONDS )); then
      tail -n 30 "$run_dir/dockerd.log" >&2
      die "the Docker engine did not start (its log is above): sam local invoke cannot run here."
    fi
    sleep 1
    waited=$((waited + 1))
  done
  log "Docker engine $(docker version -f '{{.Server.Version}}') started (pid $DOCKER_ENGINE_PID)"
}

# Stops the engine this run started, by its pid, and removes the default bridge it created.
stop_docker_engine() {
  local waited=0
  $DOCKER_ENGINE_STARTED || return 0
  if kill -0 "$DOCKER_ENGINE_PID" 2>/dev/null; then
    kill -TERM "$DOCKER_ENGINE_PID"
    while kill -0 "$DOCKER_ENGINE_PID" 2>/dev/null && (( waited < 30 )); do sleep 1; waited=$((waited + 1)); done
    kill -0 "$DOCKER_ENGINE_PID" 2>/dev/null && kill -KILL "$DOCKER_ENGINE_PID"
    wait "$DOCKER_ENGINE_PID" 2>/dev/null || true
  fi
  if $DOCKER_ENGINE_CREATED_BRIDGE && [[ -e /sys/class/net/docker0 ]]; then
    ip link delete docker0 2>/dev/null || true
  fi
  DOCKER_ENGINE_STARTED=false
  log "Docker engine stopped"
}
