# Sourceable helper: puts a working AWS SAM CLI (or, failing that, cfn-lint) at hand.
#
#   . scripts/sam-tools.sh          # from anywhere inside the repository
#   "$SAM_CLI" build                # when SAM_TOOLS_MODE=sam
#   sam_tools_lint                  # sam validate --lint, or cfn-lint when SAM CLI is unavailable
#   sam_tools_lint_org              # cfn-lint of the organisation templates, org/*.yaml
#
# SAM CLI lives in its own virtualenv at <repo>/.tools/sam-venv (gitignored), installed on first use,
# so it never clashes with the Python packages of the machine. Set SAM_TOOLS_VENV to reuse another venv.
# Exports: SAM_CLI_TELEMETRY=0, SAM_TOOLS_ROOT, SAM_TOOLS_MODE (sam | cfn-lint), SAM_CLI, CFN_LINT.

export SAM_CLI_TELEMETRY=0

SAM_TOOLS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
export SAM_TOOLS_ROOT

sam_tools__say() { printf 'sam-tools: %s\n' "$*" >&2; }

sam_tools__python() {
  local candidate
  for candidate in python3 python; do
    if command -v "$candidate" >/dev/null 2>&1 \
        && "$candidate" -c 'import sys, venv; sys.exit(0 if sys.version_info >= (3, 9) else 1)' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}

# Creates the venv (when missing) and installs the package that provides the given executable.
sam_tools__ensure_venv_tool() {
  local venv="$1" package="$2" executable="$3" python
  if [ -x "$venv/bin/$executable" ]; then
    return 0
  fi
  python="$(sam_tools__python)" || { sam_tools__say "no Python 3.9+ with the venv module found"; return 1; }
  sam_tools__say "installing $package into $venv (first use only)"
  if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv" || return 1
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$package" || return 1
  [ -x "$venv/bin/$executable" ]
}

sam_tools_ensure() {
  local sam_venv="${SAM_TOOLS_VENV:-$SAM_TOOLS_ROOT/.tools/sam-venv}"
  if sam_tools__ensure_venv_tool "$sam_venv" aws-sam-cli sam && "$sam_venv/bin/sam" --version >/dev/null 2>&1; then
    SAM_CLI="$sam_venv/bin/sam"
    SAM_TOOLS_MODE=sam
    # SAM CLI bundles cfn-lint for `sam validate --lint`; expose it for direct runs too.
    if [ -x "$sam_venv/bin/cfn-lint" ]; then
      CFN_LINT="$sam_venv/bin/cfn-lint"
    else
      CFN_LINT="$(command -v cfn-lint || true)"
    fi
    export SAM_CLI SAM_TOOLS_MODE CFN_LINT
    return 0
  fi

  sam_tools__say "SAM CLI could not be installed: falling back to cfn-lint (validates the template, cannot build it)"
  SAM_CLI=""
  if command -v cfn-lint >/dev/null 2>&1; then
    CFN_LINT="$(command -v cfn-lint)"
  elif sam_tools__ensure_venv_tool "$SAM_TOOLS_ROOT/.tools/cfn-lint-venv" cfn-lint cfn-lint; then
    CFN_LINT="$SAM_TOOLS_ROOT/.tools/cfn-lint-venv/bin/cfn-lint"
  else
    sam_tools__say "cfn-lint could not be installed either"
    SAM_TOOLS_MODE=""
    CFN_LINT=""
    export SAM_CLI SAM_TOOLS_MODE CFN_LINT
    return 1
  fi
  SAM_TOOLS_MODE=cfn-lint
  export SAM_CLI SAM_TOOLS_MODE CFN_LINT
}

# Lints template.yaml with whatever sam_tools_ensure found.
sam_tools_lint() {
  local template="$SAM_TOOLS_ROOT/template.yaml"
  case "$SAM_TOOLS_MODE" in
    sam) (cd "$SAM_TOOLS_ROOT" && "$SAM_CLI" validate --lint --template-file "$template") ;;
    cfn-lint) "$CFN_LINT" "$template" ;;
    *) sam_tools__say "no template linter available"; return 1 ;;
  esac
}

# Lints the organisation templates (org/*.yaml, plain CloudFormation) with cfn-lint.
sam_tools_lint_org() {
  if [ -z "$CFN_LINT" ]; then
    sam_tools__say "no cfn-lint available"
    return 1
  fi
  "$CFN_LINT" "$SAM_TOOLS_ROOT"/org/*.yaml
}

sam_tools_ensure
