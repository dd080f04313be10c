#!/usr/bin/env bash
# Sourced by scripts/setup.sh and scripts/with-node.sh: puts a Node.js of the supported major first on PATH.
# The system Node is used when its major is at least the one in .nvmrc; otherwise that exact version is
# installed once from the npm registry (packages node-<platform>-<arch>) into .cache/node, which is git-ignored.

NODE_ENV_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE_WANTED="$(tr -d ' \n\r' <"$NODE_ENV_ROOT/.nvmrc")"
NODE_WANTED_MAJOR="${NODE_WANTED%%.*}"
NODE_PRIVATE_PREFIX="$NODE_ENV_ROOT/.cache/node"

node_major() { command -v node >/dev/null 2>&1 && node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

node_package_name() {
  local os arch
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=darwin ;;
    *) return 1 ;;
  esac
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) return 1 ;;
  esac
  printf 'node-%s-%s' "$os" "$arch"
}

# Prints the folder holding the private node binary, installing it first when needed.
ensure_private_node() {
  local pkg bin_dir marker
  pkg="$(node_package_name)" || {
    printf '[setup] ERROR: Node.js %s+ is required and cannot be installed for %s/%s; install it (https://nodejs.org)\n' \
      "$NODE_WANTED_MAJOR" "$(uname -s)" "$(uname -m)" >&2
    return 1
  }
  bin_dir="$NODE_PRIVATE_PREFIX/node_modules/$pkg/bin"
  marker="$NODE_PRIVATE_PREFIX/.installed-$NODE_WANTED"
  if [[ ! -f "$marker" || ! -x "$bin_dir/node" ]]; then
    command -v npm >/dev/null 2>&1 || {
      printf '[setup] ERROR: npm is needed once to fetch Node.js %s\n' "$NODE_WANTED" >&2
      return 1
    }
    printf '[setup] system Node is %s; installing Node.js %s from the npm package %s into .cache/node\n' \
      "$(node --version 2>/dev/null || echo 'missing')" "$NODE_WANTED" "$pkg" >&2
    rm -rf "$NODE_PRIVATE_PREFIX"
    mkdir -p "$NODE_PRIVATE_PREFIX"
    printf '{"private":true}\n' >"$NODE_PRIVATE_PREFIX/package.json"
    npm install --prefix "$NODE_PRIVATE_PREFIX" --no-audit --no-fund --no-save --loglevel=error \
      "$pkg@$NODE_WANTED" >&2 || {
      printf '[setup] ERROR: could not install %s@%s from the npm registry\n' "$pkg" "$NODE_WANTED" >&2
      return 1
    }
    "$bin_dir/node" --version >/dev/null || return 1
    : >"$marker"
  fi
  printf '%s' "$bin_dir"
}

if [[ -z "${UAMD_NODE_READY:-}" ]]; then
  if (($(node_major) < NODE_WANTED_MAJOR)); then
    NODE_BIN_DIR="$(ensure_private_node)" || return 1 2>/dev/null || exit 1
    export PATH="$NODE_BIN_DIR:$PATH"
  fi
  export UAMD_NODE_READY=1
fi
