#!/usr/bin/env bash
# A real Kubernetes 1.20 control plane on 127.0.0.1 for the EcsOnK8s tests and `make run`.
#
#   hack/control-plane.sh install                 build (or find) the binaries and cache them
#   hack/control-plane.sh up [options]            start a control plane in a fresh temp dir
#   hack/control-plane.sh down [DIR]              stop it and remove its dir
#   hack/control-plane.sh env [DIR]               print `export KUBECONFIG=...`
#   hack/control-plane.sh bin-dir                 print where the binaries are (exit 1 if missing)
#   hack/control-plane.sh restart-apiserver DIR [--signal SIG] [FLAG...]
#                                                 stop kube-apiserver (SIGTERM, which drains for up to a minute, or
#                                                 SIG) and start it again with the same flags plus FLAGs, same port
#                                                 and etcd (watch/relist tests)
#
# Options of `up`:
#   --full              also start kube-controller-manager and kube-scheduler
#   --nodes N           start N hollow nodes (kubemark --morph=kubelet); implies --full
#   --state FILE        record the dir in FILE (default: $ECSONK8S_STATE/current)
#   --no-state          do not record the dir anywhere (the caller reads stdout)
#   --watch-pid PID     run `down` by itself when process PID exits (used by the test fixture)
#   --timeout SECONDS   how long to wait for readiness (default 120)
#   --audit-policy FILE kube-apiserver audit policy (copied into the dir); events go to <dir>/logs/audit.log,
#                       one JSON object a line, written before each response (off when not given)
#   --admission-plugins LIST  admission plugins to enable besides NodeRestriction, comma-separated (e.g.
#                       OwnerReferencesPermissionEnforcement)
#
# `up` prints (on stdout, one per line) ECSONK8S_DIR=<dir> and KUBECONFIG=<dir>/kubeconfig;
# progress goes to stderr, process logs to <dir>/logs. See docs/control-plane.md.
set -euo pipefail

SCRIPT=$(readlink -f "${BASH_SOURCE[0]}")
readonly SCRIPT
readonly KUBE_VERSION=1.20.2
readonly DEB_SOURCE_VERSION=1.20.5+really1.20.2-1.1+deb12u1
readonly CACHE_DIR=${ECSONK8S_CACHE_DIR:-$HOME/.cache/ecsonk8s}
readonly KUBE_CACHE=$CACHE_DIR/kube/$KUBE_VERSION
readonly CACHED_BIN=$KUBE_CACHE/bin
readonly STATE_DIR=${ECSONK8S_STATE:-$HOME/.cache/ecsonk8s/run}
readonly KUBE_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubemark)
readonly DEB_PACKAGES=(golang-go etcd-server rsync jq dpkg-dev openssl curl iproute2
  golang-github-modern-go-reflect2-dev golang-github-json-iterator-go-dev)
readonly SERVICE_CIDR=10.0.0.0/24
readonly SERVICE_IP=10.0.0.1
readonly MARKER=.ecsonk8s-control-plane

log() { printf '[control-plane] %s\n' "$*" >&2; }
# die exits with 3, so that the ERR trap below does not report it a second time.
die() { printf '[control-plane] error: %s\n' "$*" >&2; exit 3; }
set -E
trap 'rc=$?; ((rc == 3)) || log "error: \`$BASH_COMMAND\` failed (exit $rc) at line $LINENO"' ERR

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else die "need root (or sudo) for: $*"
  fi
}

# ---------------------------------------------------------------------------------------------
# Binaries
# ---------------------------------------------------------------------------------------------

# Directories searched for a binary, in order: ECSONK8S_KUBE_BIN_DIR, KUBEBUILDER_ASSETS (the
# controller-runtime envtest layout: kube-apiserver + etcd), then the build cache.
bin_search_path() {
  [[ -n ${ECSONK8S_KUBE_BIN_DIR:-} ]] && echo "$ECSONK8S_KUBE_BIN_DIR"
  [[ -n ${KUBEBUILDER_ASSETS:-} ]] && echo "$KUBEBUILDER_ASSETS"
  echo "$CACHED_BIN"
}

# find_bin NAME: prints the path of NAME or returns 1.
find_bin() {
  local name=$1 dir
  while read -r dir; do
    if [[ -x $dir/$name ]]; then echo "$dir/$name"; return 0; fi
  done < <(bin_search_path)
  if [[ $name == etcd ]] && command -v etcd >/dev/null; then command -v etcd; return 0; fi
  return 1
}

require_bin() {
  find_bin "$1" || die "$1 not found (looked in: $(bin_search_path | paste -sd' ')). Run: hack/control-plane.sh install"
}

# Minor version of a kube binary ("20" for v1.20.2); flags removed in 1.24 are only passed below that.
kube_minor() {
  "$1" --version 2>/dev/null | sed -n 's/^Kubernetes v1\.\([0-9]*\).*/\1/p'
}

# ---------------------------------------------------------------------------------------------
# install
# ---------------------------------------------------------------------------------------------

install_packages() {
  local missing=() pkg
  for pkg in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "Debian packages present"
    return
  fi
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

has_deb_src() {
  grep -Eqs '^[[:space:]]*(deb-src[[:space:]]|Types:.*deb-src)' \
    /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources
}

# Adds deb-src entries mirroring the configured Debian deb entries (only when none exists).
ensure_deb_src() {
  if has_deb_src; then return; fi
  log "adding a deb-src entry for the configured Debian mirror"
  local f
  for f in /etc/apt/sources.list.d/debian.sources; do
    [[ -f $f ]] || continue
    sed -E 's/^Types:[[:space:]]*deb$/Types: deb-src/' "$f" |
      as_root tee /etc/apt/sources.list.d/ecsonk8s-deb-src.sources >/dev/null
  done
  if [[ -f /etc/apt/sources.list ]] && grep -Eq '^deb[[:space:]].*debian' /etc/apt/sources.list; then
    grep -E '^deb[[:space:]].*debian' /etc/apt/sources.list | sed 's/^deb /deb-src /' |
      as_root tee /etc/apt/sources.list.d/ecsonk8s-deb-src.list >/dev/null
  fi
  has_deb_src || die "could not derive a deb-src entry; add one for your Debian mirror by hand"
  as_root apt-get update -qq
}

fetch_source() {
  local downloads=$KUBE_CACHE/downloads
  mkdir -p "$downloads"
  if ! compgen -G "$downloads/kubernetes_*.dsc" >/dev/null; then
    ensure_deb_src
    log "fetching Debian source package kubernetes $DEB_SOURCE_VERSION"
    (cd "$downloads" && apt-get source --download-only "kubernetes=$DEB_SOURCE_VERSION" >&2) ||
      (cd "$downloads" && apt-get source --download-only kubernetes >&2)
  fi
  compgen -G "$downloads/kubernetes_*really${KUBE_VERSION}*.dsc" >/dev/null ||
    die "the Debian kubernetes source package in $downloads is not Kubernetes $KUBE_VERSION"
}

# The fixes applied to Debian's tree before building (see docs/control-plane.md).
patch_tree() {
  local tree=$1
  # 1. Go 1.19 + vendored reflect2 1.0.1 crashes kube-apiserver on the first custom resource:
  #    use Debian's reflect2 1.0.2 and json-iterator 1.1.12.
  local reflect2 jsoniter
  reflect2=$(dpkg -L golang-github-modern-go-reflect2-dev | grep -x '.*/src/github.com/modern-go/reflect2') ||
    die "golang-github-modern-go-reflect2-dev has no Go sources"
  jsoniter=$(dpkg -L golang-github-json-iterator-go-dev | grep -x '.*/src/github.com/json-iterator/go') ||
    die "golang-github-json-iterator-go-dev has no Go sources"
  rsync -a --delete --exclude='*_test.go' --exclude='BUILD' --exclude='BUILD.bazel' \
    "$reflect2/" "$tree/vendor/github.com/modern-go/reflect2/"
  rsync -a --delete --exclude='*_test.go' --exclude='BUILD' --exclude='BUILD.bazel' \
    "$jsoniter/" "$tree/vendor/github.com/json-iterator/go/"
  # 2. Hollow kubelets listen on 0.0.0.0 and on the fixed healthz port 10248: loopback only,
  #    no healthz port (several hollow nodes share one host here).
  sed -i \
    -e 's|^\tc.Address = "0.0.0.0" /\* bind address \*/$|\tc.Address = "127.0.0.1" /* ecsonk8s: loopback only */\n\tc.HealthzPort = 0 /* ecsonk8s: no fixed port */|' \
    "$tree/pkg/kubemark/hollow_kubelet.go"
  grep -q 'c.Address = "127.0.0.1"' "$tree/pkg/kubemark/hollow_kubelet.go" ||
    die "could not patch pkg/kubemark/hollow_kubelet.go"
  # 3. Every hollow node's fake container runtime listens on /tmp/kubelet_remote.sock; with several
  #    nodes on one host they would share one runtime. Put the socket under $TMPDIR instead.
  #    The hollow kubelet's root dir likewise goes to /tmp, hard-coded; use $TMPDIR.
  sed -i -e 's|^\t"io/ioutil"$|\t"io/ioutil"\n\t"os"|' -e 's|baseDir = "/tmp"|baseDir = os.TempDir()|' \
    "$tree/test/utils/tmpdir.go"
  grep -q 'baseDir = os.TempDir()' "$tree/test/utils/tmpdir.go" || die "could not patch test/utils/tmpdir.go"
  cat >"$tree/pkg/kubelet/cri/remote/fake/endpoint.go" <<'GO'
// +build !windows

package fake

import (
	"os"
	"path/filepath"
)

// GenerateEndpoint returns the unix socket of the fake runtime. ecsonk8s: under $TMPDIR, so that
// several hollow nodes on one host do not share one socket.
func GenerateEndpoint() (string, error) {
	return "unix://" + filepath.Join(os.TempDir(), "kubelet_remote.sock"), nil
}
GO
}

build_binaries() {
  local build=$KUBE_CACHE/build tree
  tree=$build/kubernetes-$KUBE_VERSION
  rm -rf "$build"
  mkdir -p "$build"
  log "extracting the source package"
  dpkg-source -x "$(compgen -G "$KUBE_CACHE/downloads/kubernetes_*.dsc" | head -n1)" "$tree" >&2
  patch_tree "$tree"
  mkdir -p "$tree/.go/src/k8s.io"
  ln -sfn ../../.. "$tree/.go/src/k8s.io/kubernetes"
  local started=$SECONDS
  log "building ${KUBE_BINARIES[*]} (takes about 10 minutes on 2 cores; log: $build/build.log)"
  # Module mode with the vendor dir is the default for this tree (go.mod says go 1.15): no GOFLAGS needed.
  if ! (cd "$tree" && env GOPATH="$tree/.go" CGO_ENABLED=0 \
    GOCACHE="$CACHE_DIR/go-build" HOME="$build" \
    make WHAT="${KUBE_BINARIES[*]/#/cmd/}") >"$build/build.log" 2>&1; then
    tail -n 30 "$build/build.log" >&2
    die "build failed; full log in $build/build.log"
  fi
  log "built in $((SECONDS - started))s"
  mkdir -p "$CACHED_BIN"
  local name
  for name in "${KUBE_BINARIES[@]}"; do
    install -m 0755 "$tree/_output/bin/$name" "$CACHED_BIN/$name"
  done
  echo "kubernetes $KUBE_VERSION from Debian source $DEB_SOURCE_VERSION, built $(date -u +%FT%TZ)" \
    >"$CACHED_BIN/BUILD-INFO"
  if [[ ${ECSONK8S_KEEP_BUILD:-0} != 1 ]]; then
    rm -rf "$tree" "$build"/*.tar.*
  fi
}

cmd_install() {
  install_packages
  local name missing=()
  for name in "${KUBE_BINARIES[@]}" etcd; do
    find_bin "$name" >/dev/null || missing+=("$name")
  done
  if ((${#missing[@]} == 0)); then
    log "binaries ready:"
    for name in "${KUBE_BINARIES[@]}" etcd; do log "  $(find_bin "$name")"; done
    return
  fi
  if [[ -n ${ECSONK8S_KUBE_BIN_DIR:-}${KUBEBUILDER_ASSETS:-} ]]; then
    log "not in ECSONK8S_KUBE_BIN_DIR/KUBEBUILDER_ASSETS: ${missing[*]}; building them into $CACHED_BIN"
  fi
  fetch_source
  build_binaries
  for name in "${KUBE_BINARIES[@]}"; do log "  $(find_bin "$name")"; done
}

# ---------------------------------------------------------------------------------------------
# up
# ---------------------------------------------------------------------------------------------

USED_PORTS=" "
# A free TCP port on 127.0.0.1, below the ephemeral range so that it does not collide with clients.
pick_port() {
  local port tries=0
  while ((tries++ < 200)); do
    port=$((20000 + RANDOM % 12000))
    [[ $USED_PORTS == *" $port "* ]] && continue
    if [[ -z $(ss -Hltn "sport = :$port" 2>/dev/null) ]]; then
      USED_PORTS+="$port "
      echo "$port"
      return
    fi
  done
  die "no free port found"
}

# new_cert NAME SUBJECT [SANS]: key + certificate signed by the cluster CA.
new_cert() {
  local name=$1 subject=$2 sans=${3:-} pki=$DIR/pki
  openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null |
    openssl pkcs8 -topk8 -nocrypt -out "$pki/$name.key"
  local ext="basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth"
  [[ -n $sans ]] && ext+=$'\n'"subjectAltName=$sans"
  openssl req -new -key "$pki/$name.key" -subj "$subject" -out "$pki/$name.csr" 2>/dev/null
  openssl x509 -req -in "$pki/$name.csr" -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -days 30 -sha256 -extfile <(echo "$ext") -out "$pki/$name.crt" 2>/dev/null
  rm -f "$pki/$name.csr"
}

make_pki() {
  local pki=$DIR/pki
  mkdir -p "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$pki/ca.key" -out "$pki/ca.crt" -days 30 \
    -subj "/CN=ecsonk8s-ca" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" 2>/dev/null
  new_cert apiserver "/CN=kube-apiserver" \
    "IP:127.0.0.1,IP:$SERVICE_IP,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local"
  new_cert admin "/O=system:masters/CN=ecsonk8s-admin"
  new_cert apiserver-kubelet-client "/O=system:masters/CN=kube-apiserver-kubelet-client"
  openssl genrsa -out "$pki/sa.key" 2048 2>/dev/null
  openssl rsa -in "$pki/sa.key" -pubout -out "$pki/sa.pub" 2>/dev/null
}

# write_kubeconfig FILE CERT_NAME
write_kubeconfig() {
  cat >"$1" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: ecsonk8s
  cluster:
    server: https://127.0.0.1:$API_PORT
    certificate-authority: $DIR/pki/ca.crt
users:
- name: $2
  user:
    client-certificate: $DIR/pki/$2.crt
    client-key: $DIR/pki/$2.key
contexts:
- name: ecsonk8s
  context:
    cluster: ecsonk8s
    user: $2
    namespace: default
current-context: ecsonk8s
EOF
}

# start NAME COMMAND...: runs COMMAND in the background, logs to $DIR/logs/NAME.log.
start() {
  local name=$1
  shift
  "$@" </dev/null >"$DIR/logs/$name.log" 2>&1 &
  echo "$name $!" >>"$DIR/pids"
}

pid_of() { awk -v n="$1" '$1 == n { print $2 }' "$DIR/pids"; }

check_alive() {
  local name=$1 pid
  pid=$(pid_of "$name")
  if ! kill -0 "$pid" 2>/dev/null; then
    tail -n 20 "$DIR/logs/$name.log" >&2 || true
    die "$name exited; log: $DIR/logs/$name.log"
  fi
}

wait_for() {
  local what=$1 deadline=$((SECONDS + TIMEOUT))
  shift
  until "$@" >/dev/null; do
    ((SECONDS < deadline)) || die "timed out after ${TIMEOUT}s waiting for $what"
    sleep 0.5
  done
}

curl_api() {
  curl -fs --max-time 5 --cacert "$DIR/pki/ca.crt" --cert "$DIR/pki/admin.crt" --key "$DIR/pki/admin.key" \
    "https://127.0.0.1:$API_PORT$1" 2>/dev/null
}

apiserver_ready() {
  check_alive etcd
  check_alive kube-apiserver
  [[ $(curl_api /readyz) == ok ]]
}

nodes_registered() {
  local want=$1
  local count
  count=$(curl_api /api/v1/nodes | jq '.items | length' 2>/dev/null) || return 1
  [[ ${count:-0} -ge $want ]]
}

on_up_failure() {
  cp -r "$DIR/logs" "$DIR.failed-logs" 2>/dev/null || true
  log "start failed; the logs are kept in $DIR.failed-logs"
  stop_dir "$DIR" || true
}

cmd_up() {
  local full=0 nodes=0 state_file=$STATE_DIR/current watch_pid="" audit_policy="" admission_plugins=NodeRestriction
  TIMEOUT=120
  while (($#)); do
    case $1 in
      --full) full=1 ;;
      --nodes) nodes=${2:?--nodes needs a number}; shift ;;
      --nodes=*) nodes=${1#--nodes=} ;;
      --state) state_file=${2:?--state needs a file}; shift ;;
      --state=*) state_file=${1#--state=} ;;
      --no-state) state_file="" ;;
      --watch-pid) watch_pid=${2:?--watch-pid needs a pid}; shift ;;
      --timeout) TIMEOUT=${2:?--timeout needs seconds}; shift ;;
      --audit-policy) audit_policy=${2:?--audit-policy needs a file}; shift ;;
      --audit-policy=*) audit_policy=${1#--audit-policy=} ;;
      --admission-plugins) admission_plugins+=,${2:?--admission-plugins needs a list}; shift ;;
      --admission-plugins=*) admission_plugins+=,${1#--admission-plugins=} ;;
      *) die "unknown option for up: $1" ;;
    esac
    shift
  done
  [[ $nodes =~ ^[0-9]+$ ]] || die "--nodes must be a number"
  [[ -z $audit_policy || -f $audit_policy ]] || die "audit policy $audit_policy does not exist"
  ((nodes > 0)) && full=1

  local etcd apiserver kcm="" scheduler="" kubemark=""
  etcd=$(require_bin etcd)
  apiserver=$(require_bin kube-apiserver)
  if ((full)); then
    kcm=$(require_bin kube-controller-manager)
    scheduler=$(require_bin kube-scheduler)
  fi
  ((nodes > 0)) && kubemark=$(require_bin kubemark)

  DIR=$(mktemp -d "${TMPDIR:-/tmp}/ecsonk8s-cp.XXXXXX")
  touch "$DIR/$MARKER"
  mkdir -p "$DIR/logs"
  : >"$DIR/pids"
  # Anything failing from here on tears the half-started control plane down again.
  trap on_up_failure EXIT
  log "dir: $DIR"
  local started=$SECONDS

  local etcd_port etcd_peer_port
  etcd_port=$(pick_port)
  etcd_peer_port=$(pick_port)
  API_PORT=$(pick_port)
  make_pki

  local etcd_args=(--name=ecsonk8s --data-dir="$DIR/etcd" --logger=zap
    --listen-client-urls="http://127.0.0.1:$etcd_port" --advertise-client-urls="http://127.0.0.1:$etcd_port"
    --listen-peer-urls="http://127.0.0.1:$etcd_peer_port"
    --initial-advertise-peer-urls="http://127.0.0.1:$etcd_peer_port"
    --initial-cluster="ecsonk8s=http://127.0.0.1:$etcd_peer_port")
  # Test data is thrown away: skip fsync when this etcd knows how (3.4.23 does).
  "$etcd" --unsafe-no-fsync --version >/dev/null 2>&1 && etcd_args+=(--unsafe-no-fsync)
  start etcd "$etcd" "${etcd_args[@]}"

  local api_args=(--etcd-servers="http://127.0.0.1:$etcd_port"
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$API_PORT"
    --cert-dir="$DIR/pki/apiserver-generated"
    --tls-cert-file="$DIR/pki/apiserver.crt" --tls-private-key-file="$DIR/pki/apiserver.key"
    --client-ca-file="$DIR/pki/ca.crt"
    --kubelet-client-certificate="$DIR/pki/apiserver-kubelet-client.crt"
    --kubelet-client-key="$DIR/pki/apiserver-kubelet-client.key"
    --service-account-key-file="$DIR/pki/sa.pub" --service-account-signing-key-file="$DIR/pki/sa.key"
    --service-account-issuer=https://kubernetes.default.svc.cluster.local
    --service-cluster-ip-range="$SERVICE_CIDR"
    --authorization-mode=Node,RBAC --enable-admission-plugins="$admission_plugins"
    --allow-privileged=true --enable-priority-and-fairness=false --profiling=false)
  (($(kube_minor "$apiserver") < 24)) && api_args+=(--insecure-port=0)
  if [[ -n $audit_policy ]]; then
    cp "$audit_policy" "$DIR/audit-policy.yaml"
    api_args+=(--audit-policy-file="$DIR/audit-policy.yaml" --audit-log-path="$DIR/logs/audit.log"
      --audit-log-format=json --audit-log-mode=blocking)
  fi
  start kube-apiserver "$apiserver" "${api_args[@]}"

  write_kubeconfig "$DIR/kubeconfig" admin
  wait_for "kube-apiserver /readyz" apiserver_ready
  log "kube-apiserver ready on https://127.0.0.1:$API_PORT after $((SECONDS - started))s"

  if ((full)); then
    new_cert controller-manager "/CN=system:kube-controller-manager"
    new_cert scheduler "/CN=system:kube-scheduler"
    write_kubeconfig "$DIR/controller-manager.kubeconfig" controller-manager
    write_kubeconfig "$DIR/scheduler.kubeconfig" scheduler
    local kcm_args=(--kubeconfig="$DIR/controller-manager.kubeconfig"
      --authentication-kubeconfig="$DIR/controller-manager.kubeconfig"
      --authorization-kubeconfig="$DIR/controller-manager.kubeconfig"
      --bind-address=127.0.0.1 --secure-port="$(pick_port)" --cert-dir="$DIR/pki/kcm-generated"
      --service-account-private-key-file="$DIR/pki/sa.key" --root-ca-file="$DIR/pki/ca.crt"
      --cluster-signing-cert-file="$DIR/pki/ca.crt" --cluster-signing-key-file="$DIR/pki/ca.key"
      --use-service-account-credentials --controllers='*' --leader-elect=false
      --service-cluster-ip-range="$SERVICE_CIDR")
    (($(kube_minor "$kcm") < 24)) && kcm_args+=(--port=0)
    start kube-controller-manager "$kcm" "${kcm_args[@]}"
    local sched_args=(--kubeconfig="$DIR/scheduler.kubeconfig"
      --authentication-kubeconfig="$DIR/scheduler.kubeconfig"
      --authorization-kubeconfig="$DIR/scheduler.kubeconfig"
      --bind-address=127.0.0.1 --secure-port="$(pick_port)" --cert-dir="$DIR/pki/scheduler-generated"
      --leader-elect=false)
    (($(kube_minor "$scheduler") < 24)) && sched_args+=(--port=0)
    start kube-scheduler "$scheduler" "${sched_args[@]}"
  fi

  local i name
  for ((i = 1; i <= nodes; i++)); do
    name=hollow-node-$i
    new_cert "$name" "/O=system:nodes/CN=system:node:$name"
    write_kubeconfig "$DIR/$name.kubeconfig" "$name"
    # The hollow kubelet keeps its root dir and fake runtime socket under TMPDIR.
    mkdir -p "$DIR/$name"
    start "$name" env TMPDIR="$DIR/$name" "$kubemark" --morph=kubelet --name="$name" \
      --kubeconfig="$DIR/$name.kubeconfig" --kubelet-port="$(pick_port)" --kubelet-read-only-port=0 \
      --node-labels="ecsonk8s.io/hollow-node=true"
  done

  if ((full)); then
    check_alive kube-controller-manager
    check_alive kube-scheduler
  fi
  if ((nodes > 0)); then
    wait_for "$nodes hollow node(s) to register" nodes_registered "$nodes"
    log "$nodes hollow node(s) registered after $((SECONDS - started))s"
  fi

  cat >"$DIR/env" <<EOF
KUBECONFIG=$DIR/kubeconfig
ECSONK8S_API_PORT=$API_PORT
ECSONK8S_ETCD_PORT=$etcd_port
EOF
  if [[ -n $watch_pid ]]; then
    # Tears the control plane down when the owning process (e.g. a test host) dies without `down`.
    (
      trap - EXIT
      exec </dev/null >/dev/null 2>&1
      while kill -0 "$watch_pid" 2>/dev/null && [[ -d $DIR ]]; do sleep 2; done
      [[ -d $DIR ]] && "$SCRIPT" down "$DIR"
    ) &
    echo "watchdog $!" >>"$DIR/pids"
  fi
  if [[ -n $state_file ]]; then
    mkdir -p "$(dirname "$state_file")"
    echo "$DIR" >"$state_file"
    echo "$state_file" >"$DIR/state-file"
  fi
  trap - EXIT
  log "up after $((SECONDS - started))s"
  echo "ECSONK8S_DIR=$DIR"
  echo "KUBECONFIG=$DIR/kubeconfig"
}

# ---------------------------------------------------------------------------------------------
# down / env
# ---------------------------------------------------------------------------------------------

current_dir() {
  local dir=${1:-}
  if [[ -z $dir ]]; then
    [[ -f $STATE_DIR/current ]] || die "no control plane recorded in $STATE_DIR/current; pass its dir"
    dir=$(<"$STATE_DIR/current")
  fi
  echo "$dir"
}

# Is PID still one of ours? (Its command line or environment names the dir; guards against pid reuse.)
owned_by() {
  local pid=$1 dir=$2
  is_alive "$pid" || return 1
  grep -qaF "$dir" "/proc/$pid/cmdline" 2>/dev/null || grep -qaF "$dir" "/proc/$pid/environ" 2>/dev/null
}

# Running and not a zombie (a zombie is gone for us, even when nobody has reaped it yet).
is_alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [[ ${stat%% *} != Z ]]
}

stop_dir() {
  local dir=$1 name pid alive=()
  [[ -f $dir/$MARKER ]] || die "$dir is not a control-plane dir"
  if [[ -f $dir/pids ]]; then
    while read -r name pid; do
      [[ $pid == "$$" || $pid == "$PPID" ]] && continue # a watchdog running `down` itself
      if [[ $name == watchdog ]]; then kill "$pid" 2>/dev/null || true; continue; fi
      owned_by "$pid" "$dir" || continue
      kill -TERM "$pid" 2>/dev/null || true
      alive+=("$pid")
    done < <(tac "$dir/pids")
  fi
  local deadline=$((SECONDS + 10))
  for pid in "${alive[@]}"; do
    while is_alive "$pid" && ((SECONDS < deadline)); do sleep 0.2; done
    if is_alive "$pid"; then
      log "pid $pid did not stop on TERM; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
  for pid in "${alive[@]}"; do
    while is_alive "$pid"; do sleep 0.1; done
  done
  local state_file=""
  [[ -f $dir/state-file ]] && state_file=$(<"$dir/state-file")
  if [[ -n $state_file && -f $state_file && $(<"$state_file") == "$dir" ]]; then
    rm -f "$state_file"
  fi
  rm -rf "$dir"
}

cmd_down() {
  local dir
  dir=$(current_dir "${1:-}")
  if [[ ! -d $dir ]]; then
    log "$dir is already gone"
    [[ -z ${1:-} ]] && rm -f "$STATE_DIR/current"
    return
  fi
  stop_dir "$dir"
  log "stopped and removed $dir"
}

cmd_env() {
  local dir
  dir=$(current_dir "${1:-}")
  [[ -f $dir/kubeconfig ]] || die "no kubeconfig in $dir (is the control plane up?)"
  echo "export KUBECONFIG=$dir/kubeconfig"
}

cmd_restart_apiserver() {
  DIR=${1:?restart-apiserver needs the dir of the control plane}
  shift
  local signal=TERM
  if [[ ${1:-} == --signal ]]; then
    signal=${2:?--signal needs a signal name}
    shift 2
  fi
  [[ -f $DIR/pids ]] || die "no pids file in $DIR"
  local pid args=()
  pid=$(pid_of kube-apiserver)
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || die "kube-apiserver is not running in $DIR"
  mapfile -d '' args <"/proc/$pid/cmdline"
  API_PORT=$(sed -n 's/^ECSONK8S_API_PORT=//p' "$DIR/env")
  kill "-$signal" "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  sed -i '/^kube-apiserver /d' "$DIR/pids"
  TIMEOUT=120
  local started=$SECONDS
  "${args[@]}" "$@" </dev/null >>"$DIR/logs/kube-apiserver.log" 2>&1 &
  echo "kube-apiserver $!" >>"$DIR/pids"
  wait_for "kube-apiserver /readyz" apiserver_ready
  log "kube-apiserver restarted on https://127.0.0.1:$API_PORT after $((SECONDS - started))s"
}

cmd_bin_dir() {
  local name
  for name in kube-apiserver etcd; do find_bin "$name" >/dev/null || exit 1; done
  dirname "$(find_bin kube-apiserver)"
}

main() {
  local cmd=${1:-}
  (($#)) && shift
  case $cmd in
    install) cmd_install "$@" ;;
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    env) cmd_env "$@" ;;
    bin-dir) cmd_bin_dir "$@" ;;
    restart-apiserver) cmd_restart_apiserver "$@" ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
