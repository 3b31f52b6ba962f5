#!/usr/bin/env bash
# Prints the Secrets values-dev.yaml names, with new random passwords, for kubectl to create:
#   bash deploy/helm/dev-secrets.sh [release] | kubectl apply -n <namespace> -f -
# One for the release's own PostgreSQL and Redis (devDataStores), one per service holding the same passwords in the
# form the service reads (its database password, Redis URLs with its own Redis user). The release name (default
# tabelogo) says where Redis is: <release>-redis. Run it once: new passwords do not reach a database already
# initialised with the old ones.
set -euo pipefail

readonly release=${1:-tabelogo}
if [[ ! $release =~ ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ ]]; then
  echo "dev-secrets.sh: '$release' is not a release name (lower-case letters, digits and '-')" >&2
  exit 2
fi
readonly redis_host="${release}-redis:6379"

# 128 random bits as hex: safe in URLs, in sed (the Redis ACL file) and in YAML without quoting rules.
password() {
  od -An -N16 -tx1 /dev/urandom | tr -d ' \n'
}

declare -A db redis
for service in auth restaurant spider; do db[$service]=$(password); done
for service in auth gateway map restaurant spider; do redis[$service]=$(password); done
readonly key_password=$(password) restaurant_client_secret=$(password)

# secret <name> then "KEY value" lines on stdin.
secret() {
  printf -- '---\napiVersion: v1\nkind: Secret\nmetadata:\n  name: %s\n' "$1"
  printf '  labels:\n    app.kubernetes.io/part-of: tabelogo\n    app.kubernetes.io/instance: %s\n' "$release"
  printf 'type: Opaque\nstringData:\n'
  local key value
  while read -r key value; do
    printf '  %s: "%s"\n' "$key" "$value"
  done
}

# redis_urls <Redis user> <service's own database number>
redis_urls() {
  echo "TABELOGO_REDIS_URL redis://$1:${redis[${1%-service}]}@${redis_host}/$2"
  # Database 5 is shared: events and the session denylist.
  echo "TABELOGO_SHARED_REDIS_URL redis://$1:${redis[${1%-service}]}@${redis_host}/5"
}

secret tabelogo-dev-data-stores <<END
POSTGRES_PASSWORD $(password)
TABELOGO_DB_PASSWORD_AUTH ${db[auth]}
TABELOGO_DB_PASSWORD_RESTAURANT ${db[restaurant]}
TABELOGO_DB_PASSWORD_SPIDER ${db[spider]}
TABELOGO_REDIS_PASSWORD_AUTH ${redis[auth]}
TABELOGO_REDIS_PASSWORD_GATEWAY ${redis[gateway]}
TABELOGO_REDIS_PASSWORD_MAP ${redis[map]}
TABELOGO_REDIS_PASSWORD_RESTAURANT ${redis[restaurant]}
TABELOGO_REDIS_PASSWORD_SPIDER ${redis[spider]}
END

secret tabelogo-dev-auth-service <<END
TABELOGO_DB_PASSWORD ${db[auth]}
$(redis_urls auth-service 0)
TABELOGO_AUTH_KEY_PASSWORD ${key_password}
TABELOGO_SERVICE_CLIENTS restaurant-service:${restaurant_client_secret}
END

# The offline map provider needs no key: an empty one.
secret tabelogo-dev-map-service <<END
$(redis_urls map-service 2)
GOOGLE_MAPS_API_KEY
END

secret tabelogo-dev-restaurant-service <<END
TABELOGO_DB_PASSWORD ${db[restaurant]}
$(redis_urls restaurant-service 1)
TABELOGO_SERVICE_SECRET ${restaurant_client_secret}
END

secret tabelogo-dev-spider-service <<END
TABELOGO_DB_PASSWORD ${db[spider]}
$(redis_urls spider-service 3)
END

secret tabelogo-dev-gateway <<END
$(redis_urls gateway 4)
END
