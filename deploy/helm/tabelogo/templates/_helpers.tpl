{{/*
Named templates shared by every object of the chart. Most take (list $ "<service>"): the root context and the
service's key under .Values.services.
*/}}

{{/* The name of a service's objects: <release>-<service>, as DNS and label rules allow. */}}
{{- define "tabelogo.fullname" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" $root.Release.Name (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* A service's settings: its entry under .Values.services over .Values.serviceDefaults. */}}
{{- define "tabelogo.settings" -}}
{{- $root := index . 0 -}}
{{- $entry := index $root.Values.services (index . 1) -}}
{{- toYaml (mergeOverwrite (deepCopy $root.Values.serviceDefaults) (deepCopy $entry)) -}}
{{- end -}}

{{/* Selector labels: immutable once deployed, so only the service and the release. */}}
{{- define "tabelogo.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ index . 1 }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end -}}

{{- define "tabelogo.labels" -}}
{{- $root := index . 0 -}}
{{ include "tabelogo.selectorLabels" . }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/component: {{ index . 1 }}
app.kubernetes.io/part-of: tabelogo
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* <registry>/<repository>/<service>:<tag>; the tag defaults to the chart's appVersion and is never "latest". */}}
{{- define "tabelogo.image" -}}
{{- $root := index . 0 -}}
{{- $image := $root.Values.image -}}
{{- $tag := default $root.Chart.AppVersion $image.tag | toString -}}
{{- if eq $tag "latest" -}}
{{- fail "image.tag must name a build: \"latest\" says nothing about what runs" -}}
{{- end -}}
{{- printf "%s/%s/%s:%s" $image.registry $image.repository (index . 1) $tag -}}
{{- end -}}

{{/* The port the probes and Prometheus use: the management port when the service has one. */}}
{{- define "tabelogo.healthPort" -}}
{{- $settings := index . 2 -}}
{{- if $settings.managementPort -}}management{{- else -}}http{{- end -}}
{{- end -}}

{{/* A service's configuration (no secrets): what its ConfigMap holds and its pods read as environment. */}}
{{- define "tabelogo.config" -}}
{{- $root := index . 0 -}}
{{- $settings := index . 2 -}}
SERVER_PORT: {{ $settings.port | quote }}
{{- with $settings.grpcPort }}
TABELOGO_GRPC_PORT: {{ . | quote }}
{{- end }}
{{- with $settings.managementPort }}
TABELOGO_MANAGEMENT_PORT: {{ . | quote }}
{{- end }}
SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE: {{ printf "%ds" (int $root.Values.lifecycle.shutdownSeconds) | quote }}
{{- range $key, $value := $settings.env }}
{{ $key }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}
