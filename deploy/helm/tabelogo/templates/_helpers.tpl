{{/*
Named templates shared by every object of the chart. Most take (list $ "<service>"): the root context and the
service's key under .Values.services.
*/}}

{{/* The name of a service's objects: <release>-<service>, as DNS and label rules allow. */}}
{{- define "tabelogo.fullname" -}}
{{- $root := index . 0 -}}
{{- printf "%s-%s" $root.Release.Name (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
A service's settings: its entry under .Values.services over .Values.serviceDefaults, with the chaos switch and, for
auth-service, the administrator it makes (chaos.*).
*/}}
{{- define "tabelogo.settings" -}}
{{- $root := index . 0 -}}
{{- $entry := index $root.Values.services (index . 1) -}}
{{- $settings := mergeOverwrite (deepCopy $root.Values.serviceDefaults) (deepCopy $entry) -}}
{{- if $root.Values.chaos.enabled }}{{ $_ := set $settings.env "TABELOGO_CHAOS_ENABLED" "true" }}{{ end -}}
{{- if and (eq (index . 1) "auth-service") $root.Values.chaos.administrator -}}
{{- $_ := set $settings.env "TABELOGO_ADMIN_EMAIL" $root.Values.chaos.administrator -}}
{{- $_ := set $settings.secrets "keys" (append $settings.secrets.keys "TABELOGO_ADMIN_PASSWORD") -}}
{{- end -}}
{{- toYaml $settings -}}
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

{{/*
An optional object that needs an API the cluster may not serve (KEDA, the Prometheus Operator): (list $ <switch>
<apiVersion/Kind>) is "true" when the switch is true, or "auto" and the cluster serves that API.
*/}}
{{- define "tabelogo.apiSwitch" -}}
{{- $root := index . 0 -}}
{{- $switch := toString (index . 1) -}}
{{- if or (eq $switch "true") (and (eq $switch "auto") ($root.Capabilities.APIVersions.Has (index . 2))) -}}
true
{{- end -}}
{{- end -}}

{{/* The port the probes and Prometheus use (given a service's settings): its management port when it has one. */}}
{{- define "tabelogo.healthPort" -}}
{{- if .managementPort -}}management{{- else -}}http{{- end -}}
{{- end -}}

{{/* The number of a service's named port (list $ "<service>" "http|grpc|management"); fails when there is none. */}}
{{- define "tabelogo.port" -}}
{{- $root := index . 0 -}}
{{- $service := index $root.Values.services (index . 1) | default dict -}}
{{- if not $service.enabled -}}
{{- fail (printf "%s is called but is not an enabled service of the chart" (index . 1)) -}}
{{- end -}}
{{- $port := index (dict "http" $service.port "grpc" $service.grpcPort "management" $service.managementPort) (index . 2) -}}
{{- if not $port -}}
{{- fail (printf "%s has no %s port" (index . 1) (index . 2)) -}}
{{- end -}}
{{- $port -}}
{{- end -}}

{{/* The address other pods reach a service's named port at: <release>-<service>:<port>. */}}
{{- define "tabelogo.address" -}}
{{- printf "%s:%s" (include "tabelogo.fullname" (list (index . 0) (index . 1))) (include "tabelogo.port" .) -}}
{{- end -}}

{{/*
The name of a service's Secret: existingSecret; with the External Secrets Operator, by default the one its
ExternalSecret makes. Without either, the install fails naming what is missing.
*/}}
{{- define "tabelogo.secretName" -}}
{{- $root := index . 0 -}}
{{- $settings := index . 2 -}}
{{- if $root.Values.externalSecrets.enabled -}}
{{- default (include "tabelogo.fullname" (list $root (index . 1))) $settings.secrets.existingSecret -}}
{{- else -}}
{{- required (printf "services.%s.secrets.existingSecret: the name of a Secret with the keys %s (deploy/helm/README.md), or externalSecrets.enabled" (index . 1) (join ", " $settings.secrets.keys)) $settings.secrets.existingSecret -}}
{{- end -}}
{{- end -}}

{{/* Where the CA bundle that signed the database's certificate is mounted (postgres.caBundle). */}}
{{- define "tabelogo.postgresCaPath" -}}/etc/tabelogo/postgres-ca/{{- end -}}

{{/* Where a service's secrets are mounted as files, one per key, read by Spring's configtree. */}}
{{- define "tabelogo.secretsPath" -}}/etc/tabelogo/secrets/{{- end -}}

{{/*
A service's configuration, no secrets: what its ConfigMap holds and its pods read as environment. Its ports, the
shutdown phase, where its database is, where the services it calls are (from `calls`), the collector, whom it
trusts to forward client addresses, where its secrets are mounted, then its own `env`, which wins.
*/}}
{{- define "tabelogo.config" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $settings := index . 2 -}}
{{- $data := dict "SERVER_PORT" (toString $settings.port) -}}
{{- with $settings.grpcPort }}{{ $_ := set $data "TABELOGO_GRPC_PORT" (toString .) }}{{ end -}}
{{- with $settings.managementPort }}{{ $_ := set $data "TABELOGO_MANAGEMENT_PORT" (toString .) }}{{ end -}}
{{- $_ := set $data "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE" (printf "%ds" (int $root.Values.lifecycle.shutdownSeconds)) -}}
{{- with $root.Values.springProfiles }}{{ $_ := set $data "SPRING_PROFILES_ACTIVE" . }}{{ end -}}
{{- if not $settings.public }}{{ $_ := set $data "TABELOGO_TRUSTED_PROXIES" $root.Values.trustedProxies }}{{ end -}}
{{- with $root.Values.observability.otlpEndpoint }}{{ $_ := set $data "OTEL_EXPORTER_OTLP_ENDPOINT" . }}{{ end -}}
{{- if $settings.postgres -}}
{{- $host := $root.Values.postgres.host -}}
{{- if and (not $host) $root.Values.devDataStores.enabled }}{{ $host = include "tabelogo.fullname" (list $root "postgresql") }}{{ end -}}
{{- $host = required (printf "postgres.host: where the database of %s is (or devDataStores.enabled to run one in the release)" $name) $host -}}
{{- $url := printf "jdbc:postgresql://%s:%v/%s" $host $root.Values.postgres.port $settings.database.name -}}
{{- $parameters := list -}}
{{- with $root.Values.postgres.parameters }}{{ $parameters = append $parameters . }}{{ end -}}
{{- if $root.Values.postgres.caBundle.configMap -}}
{{- if contains "sslmode" $root.Values.postgres.parameters -}}
{{- fail "postgres.parameters sets sslmode, and postgres.caBundle means sslmode=verify-full: choose one" -}}
{{- end -}}
{{- $parameters = append $parameters (printf "sslmode=verify-full&sslrootcert=%s%s" (include "tabelogo.postgresCaPath" .) $root.Values.postgres.caBundle.key) -}}
{{- end -}}
{{- with $parameters }}{{ $url = printf "%s?%s" $url (join "&" .) }}{{ end -}}
{{- $_ := set $data "TABELOGO_DB_URL" $url -}}
{{- $_ := set $data "TABELOGO_DB_USER" $settings.database.user -}}
{{- /* Every connection acts as the service's role, whichever login a rotation by alternating users gave it. */ -}}
{{- $_ := set $data "TABELOGO_DB_ROLE" $settings.database.user -}}
{{- end -}}
{{- range $call := $settings.calls -}}
{{- $address := include "tabelogo.address" (list $root $call.service $call.port) -}}
{{- range $variable, $format := $call.env }}{{ $_ := set $data $variable (replace "%s" $address $format) }}{{ end -}}
{{- end -}}
{{- if ($settings.secrets).keys }}{{ $_ := set $data "SPRING_CONFIG_IMPORT" (printf "configtree:%s" (include "tabelogo.secretsPath" .)) }}{{ end -}}
{{- range $variable, $value := $settings.env }}{{ $_ := set $data $variable (toString $value) }}{{ end -}}
{{- toYaml $data -}}
{{- end -}}

{{/* The Secret with the passwords of the release's own PostgreSQL and Redis (devDataStores). */}}
{{- define "tabelogo.devDataStoresSecret" -}}
{{- required "devDataStores.existingSecret: the name of a Secret with the data stores' passwords (deploy/helm/dev-secrets.sh makes it)" .Values.devDataStores.existingSecret -}}
{{- end -}}

{{/*
Where the services reach a data store (list $ "postgresql|redis" <networkPolicy.<store>.to>): the release's own pods
with devDataStores, else the peers the values name.
*/}}
{{- define "tabelogo.dataStorePeers" -}}
{{- $root := index . 0 -}}
{{- if $root.Values.devDataStores.enabled -}}
- podSelector:
    matchLabels:
      {{- include "tabelogo.selectorLabels" (list $root (index . 1)) | nindent 6 }}
{{- else -}}
{{- toYaml (index . 2) -}}
{{- end -}}
{{- end -}}
