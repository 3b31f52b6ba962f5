# The services' own secrets ("<name>/<service>/app"), beside the database and Redis ones the other modules make:
# auth-service's signing-key password and the clients allowed service tokens, restaurant-service's client secret,
# map-service's Google Maps key when map_provider is google.

locals {
  # The keys of each service's app secret; a service without any has no app secret.
  app_secret_keys = {
    for name, secret_keys in {
      "auth-service"       = ["TABELOGO_AUTH_KEY_PASSWORD", "TABELOGO_SERVICE_CLIENTS"]
      "restaurant-service" = ["TABELOGO_SERVICE_SECRET"]
      "map-service"        = var.map_provider == "google" ? ["GOOGLE_MAPS_API_KEY"] : []
    } : name => secret_keys if contains(keys(var.services), name) && length(secret_keys) > 0
  }

  # Generated once: restaurant-service's client secret appears in both its own secret and auth-service's clients.
  # (Keyed by fixed names: the values are sensitive, so nothing that decides for_each may be derived from them.)
  generated = ["auth-service", "restaurant-service"]
  generated_app_secrets = {
    "auth-service" = jsonencode({
      TABELOGO_AUTH_KEY_PASSWORD = data.aws_secretsmanager_random_password.auth_key_password.random_password
      TABELOGO_SERVICE_CLIENTS   = "restaurant-service:${data.aws_secretsmanager_random_password.restaurant_client_secret.random_password}"
    })
    "restaurant-service" = jsonencode({
      TABELOGO_SERVICE_SECRET = data.aws_secretsmanager_random_password.restaurant_client_secret.random_password
    })
  }
}

# Read at every plan, but written only when a secret's first version is made (ignore_changes below).
data "aws_secretsmanager_random_password" "auth_key_password" {
  password_length     = 40
  exclude_punctuation = true
}

data "aws_secretsmanager_random_password" "restaurant_client_secret" {
  password_length     = 40
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "app" {
  for_each                = local.app_secret_keys
  name                    = "${var.name}/${each.key}/app"
  description             = "${each.key}'s application secrets: ${join(", ", each.value)}"
  kms_key_id              = aws_kms_key.this.arn
  recovery_window_in_days = var.deletion_protection ? 30 : 7
  tags                    = merge(var.tags, { Name = "${var.name}/${each.key}/app", service = each.key })
}

# map-service's secret gets no value here: the operator puts the key there, as JSON, before the first deployment
# with map_provider = "google" (the task cannot start without it):
#   aws secretsmanager put-secret-value --secret-id <name>/map-service/app \
#     --secret-string '{"GOOGLE_MAPS_API_KEY":"..."}'
resource "aws_secretsmanager_secret_version" "app" {
  for_each      = { for name, secret_keys in local.app_secret_keys : name => secret_keys if contains(local.generated, name) }
  secret_id     = aws_secretsmanager_secret.app[each.key].id
  secret_string = local.generated_app_secrets[each.key]

  lifecycle {
    # The generator returns a new value at every plan: the first one stays (rotate by putting a new version).
    ignore_changes = [secret_string]
  }
}
