# Sourced by scripts/sam-local after bootstrap.sh and docker-engine.sh. Makes sure the Docker engine
# holds the image `sam local invoke` runs a java21 function on: AWS's own
# public.ecr.aws/lambda/java:21-x86_64 when it can be pulled, otherwise one built here under that
# name, laid out as AWS's image is:
#
#   /var/lang/bin/java       a JDK 21 or newer (the one ensure_jdk found: this machine's)
#   /var/runtime/lib/*.jar   the AWS Lambda Java runtime interface client and its dependencies
#                            (Maven Central, at the versions the project's pom pins)
#   /var/runtime/bootstrap   starts the handler through the runtime interface client
#   /var/task                where SAM mounts the function's code
#
# on a Debian root filesystem (debootstrap, minbase). SAM adds its runtime interface emulator on
# top (the "rapid" image) and passes --skip-pull-image, so it never asks a registry for it. The
# built image carries a label with a digest of what went into it and is rebuilt only when that
# changes (another JDK, another client version, another bootstrap); it is the one image the run
# keeps between runs.

LAMBDA_BASE_IMAGE="public.ecr.aws/lambda/java:21-x86_64"
LAMBDA_BASE_LABEL="io.execready.lambda-base-inputs"
DEBIAN_SUITE="bookworm"
DEBIAN_MIRROR="${EXECREADY_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# A registry that answers does so within seconds; one that is unreachable must not stall the run.
PULL_TIMEOUT_SECONDS=20

# The runtime interface client and what it needs at run time, as the java21 image ships them.
RUNTIME_JAR_PATTERN='/(aws-lambda-java-runtime-interface-client|aws-lambda-java-core|aws-lambda-java-serialization|utils-lite)-[0-9][^/]*\.jar$'

# What starts the function in the container: the same main class and handler argument as AWS's
# java21 bootstrap, with the heap sized from the function's memory as Lambda sizes it.
lambda_base__bootstrap() {
  cat <<'SH'
#!/bin/sh
# Starts the function's handler through the AWS Lambda Java runtime interface client. The runtime
# API address comes from AWS_LAMBDA_RUNTIME_API, set by the runtime interface emulator.
set -e
handler="${_HANDLER:-${AWS_LAMBDA_FUNCTION_HANDLER:-$1}}"
memory_mb="${AWS_LAMBDA_FUNCTION_MEMORY_SIZE:-512}"
exec /var/lang/bin/java \
  -XX:MaxHeapSize=$((memory_mb * 85 / 100))m -XX:+UseSerialGC -Xshare:auto \
  -Djava.net.preferIPv4Stack=true \
  -cp "/var/runtime/lib/*" \
  com.amazonaws.services.lambda.runtime.api.client.AWSLambda "$handler"
SH
}

# Prints the jars of the runtime interface client found in a Maven classpath file (the checker's,
# whose test scope holds the client at the version the pom pins, with its dependencies).
lambda_base__runtime_jars() {
  tr ':' '\n' <"$1" | grep -E "$RUNTIME_JAR_PATTERN"
}

# A digest of everything the built image is made of.
lambda_base__inputs_digest() {
  local jars="$1"
  {
    echo "$DEBIAN_SUITE"
    "$JAVA_HOME/bin/java" -version 2>&1
    for jar in $jars; do basename "$jar"; done
    lambda_base__bootstrap
  } | sha256sum | cut -c1-16
}

# Builds the image from a root filesystem assembled in $1 (a scratch directory the caller removes).
lambda_base__build() {
  local rootfs="$1" jars="$2" digest="$3"
  command -v debootstrap >/dev/null 2>&1 || apt_install debootstrap
  log "building $LAMBDA_BASE_IMAGE locally: Debian $DEBIAN_SUITE (debootstrap from $DEBIAN_MIRROR), the JDK at $JAVA_HOME, the Lambda runtime interface client (about a minute, once)"
  if ! debootstrap --variant=minbase "$DEBIAN_SUITE" "$rootfs" "$DEBIAN_MIRROR" >"$rootfs.log" 2>&1; then
    tail -n 20 "$rootfs.log" >&2
    die "debootstrap of Debian $DEBIAN_SUITE failed (set EXECREADY_DEBIAN_MIRROR to a reachable Debian mirror)"
  fi
  # What a Lambda image has no use for.
  rm -rf "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* "$rootfs"/var/cache/apt/* "$rootfs"/var/lib/apt/lists/*
  mkdir -p "$rootfs/var/lang" "$rootfs/var/runtime/lib" "$rootfs/var/task" "$rootfs/opt"
  cp -a "$JAVA_HOME/." "$rootfs/var/lang/"
  rm -rf "$rootfs/var/lang/lib/src.zip" "$rootfs/var/lang/jmods" "$rootfs/var/lang/man"
  # shellcheck disable=SC2086 # one jar per word
  cp $jars "$rootfs/var/runtime/lib/"
  lambda_base__bootstrap >"$rootfs/var/runtime/bootstrap"
  chmod 755 "$rootfs/var/runtime/bootstrap"
  tar -C "$rootfs" -c . | docker import \
    --change "ENV PATH=/var/lang/bin:/usr/local/bin:/usr/bin:/bin" \
    --change "ENV LANG=en_US.UTF-8" \
    --change "ENV TZ=:/etc/localtime" \
    --change "ENV LAMBDA_TASK_ROOT=/var/task" \
    --change "ENV LAMBDA_RUNTIME_DIR=/var/runtime" \
    --change "WORKDIR /var/task" \
    --change "ENTRYPOINT [\"/var/runtime/bootstrap\"]" \
    --change "LABEL $LAMBDA_BASE_LABEL=$digest" \
    - "$LAMBDA_BASE_IMAGE" >/dev/null
  # The build it replaces, now untagged.
  docker image prune -f --filter "label=$LAMBDA_BASE_LABEL" >/dev/null
}

# Leaves $LAMBDA_BASE_IMAGE in the engine: AWS's when present or pullable, else the local build,
# assembled in the scratch directory $1 with the runtime jars of the classpath file $2.
ensure_lambda_base_image() {
  local scratch="$1" classpath_file="$2" label jars digest
  if docker image inspect "$LAMBDA_BASE_IMAGE" >/dev/null 2>&1; then
    label=$(docker image inspect -f "{{ index .Config.Labels \"$LAMBDA_BASE_LABEL\" }}" "$LAMBDA_BASE_IMAGE" 2>/dev/null || true)
    if [[ -z "$label" || "$label" == "<no value>" ]]; then
      log "using $LAMBDA_BASE_IMAGE (AWS's image, already in the engine)"
      return 0
    fi
  else
    label=""
    log "pulling $LAMBDA_BASE_IMAGE (at most $PULL_TIMEOUT_SECONDS s)"
    if timeout "$PULL_TIMEOUT_SECONDS" docker pull -q "$LAMBDA_BASE_IMAGE" >/dev/null 2>&1; then
      log "using $LAMBDA_BASE_IMAGE pulled from the registry"
      return 0
    fi
    log "no registry answered for $LAMBDA_BASE_IMAGE: building it locally"
  fi
  jars=$(lambda_base__runtime_jars "$classpath_file")
  [[ $(wc -w <<<"$jars") -ge 3 ]] || die "the Lambda runtime interface client's jars were not resolved (got: $jars)"
  digest=$(lambda_base__inputs_digest "$jars")
  if [[ "$label" == "$digest" ]]; then
    log "reusing the locally built $LAMBDA_BASE_IMAGE"
    return 0
  fi
  [[ -z "$label" ]] || log "the locally built $LAMBDA_BASE_IMAGE is out of date: rebuilding it"
  mkdir -p "$scratch/rootfs"
  lambda_base__build "$scratch/rootfs" "$jars" "$digest"
  rm -rf "$scratch/rootfs"
}
