{{/* "true" when an optional object of the Prometheus Operator is rendered: asked for, or "auto" and its API is served. */}}
{{- define "tabelogo.monitoringEnabled" -}}
{{- $root := index . 0 -}}
{{- $enabled := toString (index . 1) -}}
{{- if or (eq $enabled "true") (and (eq $enabled "auto") ($root.Capabilities.APIVersions.Has (index . 2))) -}}
true
{{- end -}}
{{- end -}}
