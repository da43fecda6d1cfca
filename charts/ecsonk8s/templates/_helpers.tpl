{{/* Chart name, or nameOverride. */}}
{{- define "ecsonk8s.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name used for every object of the release. */}}
{{- define "ecsonk8s.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Chart name and version, for the helm.sh/chart label. */}}
{{- define "ecsonk8s.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object. */}}
{{- define "ecsonk8s.labels" -}}
helm.sh/chart: {{ include "ecsonk8s.chart" . }}
{{ include "ecsonk8s.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: ecsonk8s
{{- end }}

{{/* Labels that select the operator pods; never change them in an upgrade. */}}
{{- define "ecsonk8s.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ecsonk8s.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Service account name. */}}
{{- define "ecsonk8s.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "ecsonk8s.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image reference; the tag defaults to the chart's appVersion; a digest pins the image (repo:tag@digest). */}}
{{- define "ecsonk8s.image" -}}
{{- $reference := printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- if .Values.image.digest }}
{{- $reference = printf "%s@%s" $reference .Values.image.digest }}
{{- end }}
{{- $reference }}
{{- end }}

{{/* Name of the ClusterRole with the namespaced rights. */}}
{{- define "ecsonk8s.operatorRoleName" -}}
{{- printf "%s-operator" (include "ecsonk8s.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of the ClusterRole with the cluster-scoped rights (PersistentVolumes). */}}
{{- define "ecsonk8s.clusterRoleName" -}}
{{- printf "%s-cluster" (include "ecsonk8s.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of the leader election Role and RoleBinding. */}}
{{- define "ecsonk8s.leaderElectionRoleName" -}}
{{- printf "%s-leader-election" (include "ecsonk8s.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Refuses values that would install something broken; values.schema.json says the same for Helm, this covers a chart
rendered by a tool that skips the schema.
*/}}
{{- define "ecsonk8s.validate" -}}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.leaderElection.enabled) }}
{{- fail (printf "replicaCount=%d needs leaderElection.enabled=true: without the Lease every replica would reconcile the same objects and fight over them" (int .Values.replicaCount)) }}
{{- end }}
{{- if and .Values.serviceMonitor.enabled (not .Values.metrics.service.enabled) }}
{{- fail "serviceMonitor.enabled=true needs metrics.service.enabled=true: the ServiceMonitor scrapes through that Service" }}
{{- end }}
{{- end }}

{{/* The PodDisruptionBudget's apiVersion: policy/v1 from Kubernetes 1.21, policy/v1beta1 before. */}}
{{- define "ecsonk8s.pdbApiVersion" -}}
{{- if or (.Capabilities.APIVersions.Has "policy/v1/PodDisruptionBudget") (semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version) }}
{{- print "policy/v1" }}
{{- else }}
{{- print "policy/v1beta1" }}
{{- end }}
{{- end }}

{{/*
The ECS API endpoint's TLS Secret: the one named in values, else the chart's self-signed one.
*/}}
{{- define "ecsonk8s.ecsApiTlsSecretName" -}}
{{- if .Values.ecsApi.tls.secretName -}}
{{- .Values.ecsApi.tls.secretName -}}
{{- else -}}
{{- printf "%s-ecs-api-tls" (include "ecsonk8s.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end }}
