#!/usr/bin/env bash
# Copies the generated CRDs (crds/*.yaml) into the Helm chart as templates, behind crds.enabled and with
# helm.sh/resource-policy: keep behind crds.keep. Helm never upgrades a chart's crds/ folder, hence templates.
#
#   hack/sync-chart-crds.sh           rewrite charts/ecsonk8s/templates/crds/
#   hack/sync-chart-crds.sh --check   exit 1 and show the difference when the chart is stale
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="$root/crds"
target_dir="$root/charts/ecsonk8s/templates/crds"
mode="${1:-write}"

render() {
  local crd="$1"
  if [ "$(sed -n 3p "$crd")" != "metadata:" ] || sed -n '4,/^[a-z]/p' "$crd" | grep -q '^  annotations:'; then
    echo "sync-chart-crds: $crd: expected 'metadata:' on line 3 and no metadata.annotations" >&2
    return 1
  fi
  echo '{{- if .Values.crds.enabled }}'
  sed -n '1,3p' "$crd"
  echo '  {{- if .Values.crds.keep }}'
  echo '  annotations:'
  echo '    helm.sh/resource-policy: keep'
  echo '  {{- end }}'
  # Text that Helm would read as a template action is escaped.
  sed -n '4,$p' "$crd" | sed 's/{{/{{ "{{" }}/g'
  # crds/ files may lack a final newline; '{{-' trims the one added here.
  printf '\n{{- end }}\n'
}

case "$mode" in
  write)
    mkdir -p "$target_dir"
    rm -f "$target_dir"/*.yaml
    for crd in "$source_dir"/*.yaml; do
      render "$crd" > "$target_dir/$(basename "$crd")"
    done
    echo "wrote $(ls "$target_dir" | wc -l) CRD templates to ${target_dir#"$root"/}"
    ;;
  --check)
    scratch="$(mktemp -d)"
    trap 'rm -rf "$scratch"' EXIT
    for crd in "$source_dir"/*.yaml; do
      render "$crd" > "$scratch/$(basename "$crd")"
    done
    if ! diff -ru "$scratch" "$target_dir" >&2; then
      echo "sync-chart-crds: the chart's CRDs differ from crds/; run hack/sync-chart-crds.sh" >&2
      exit 1
    fi
    ;;
  *)
    echo "usage: $0 [--check]" >&2
    exit 2
    ;;
esac
