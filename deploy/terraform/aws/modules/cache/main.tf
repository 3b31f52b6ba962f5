# ElastiCache (Redis OSS or Valkey) for the services: one shard with replicas in other zones, TLS and encryption at
# rest, and a user per service limited to its own keys and commands (the Compose ACL file's rules), each service's
# connection URLs in its own secret.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  port = 6379
  # Times in UTC: 02:00-03:00 and Sunday 03:30-04:30 in Japan; the snapshot window must not overlap maintenance.
  snapshot_window    = "17:00-18:00"
  maintenance_window = "sun:18:30-sun:19:30"
  passwords          = { for user, version in data.aws_secretsmanager_secret_version.password : user => version.secret_string }
}

# One key for the data at rest, the secrets and the slow log; CloudWatch Logs may use it only for this account's
# log groups.
resource "aws_kms_key" "this" {
  description         = "${var.name} cache: data at rest, secrets, logs"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministersAndDelegatesThroughIam"
        Effect    = "Allow"
        Principal = { AWS = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CloudWatchLogsEncryptsThisAccountsLogGroups"
        Effect    = "Allow"
        Principal = { Service = "logs.${data.aws_region.current.region}.amazonaws.com" }
        Action    = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
        Resource  = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:${data.aws_partition.current.partition}:logs:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:log-group:*"
          }
        }
      },
    ]
  })
  tags = merge(var.tags, { Name = "${var.name}-cache" })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}-cache"
  target_key_id = aws_kms_key.this.key_id
}

resource "aws_elasticache_subnet_group" "this" {
  name        = var.name
  description = "${var.name} cache: the private subnets"
  subnet_ids  = var.subnet_ids
  tags        = merge(var.tags, { Name = var.name })
}

resource "aws_security_group" "cache" {
  name        = "${var.name}-cache"
  description = "Redis from the services"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-cache" })
}

resource "aws_vpc_security_group_ingress_rule" "cache_from_client" {
  for_each                     = var.client_security_group_ids
  security_group_id            = aws_security_group.cache.id
  description                  = "Redis from ${each.key}"
  referenced_security_group_id = each.value
  ip_protocol                  = "tcp"
  from_port                    = local.port
  to_port                      = local.port
  tags                         = var.tags
}

# Users. Every user group must hold a user named "default" (its own user id); here it is switched off, as in the
# Compose ACL file, so a connection that does not authenticate as a service can do nothing. Users and the group use
# the engine "redis" whichever the cluster runs: ElastiCache's RBAC takes those for Valkey clusters too, and a
# "valkey" group would not admit a user without a password.

resource "aws_elasticache_user" "default" {
  user_id       = "${var.name}-default"
  user_name     = "default"
  engine        = "redis"
  access_string = "off -@all"
  tags          = merge(var.tags, { Name = "${var.name}-default" })

  authentication_mode {
    type = "no-password-required"
  }
}

# Each service's password: generated into a secret once (a plan does not regenerate it), then read back, so the
# user always gets what the secret holds, also after someone changes it there.

resource "aws_secretsmanager_secret" "password" {
  for_each    = var.users
  name        = "${var.name}/${each.key}/redis-password"
  description = "${each.key}'s Redis password (the URLs in ${var.name}/${each.key}/redis are built from it)"
  kms_key_id  = aws_kms_key.this.arn
  tags        = merge(var.tags, { Name = "${var.name}/${each.key}/redis-password" })
}

data "aws_secretsmanager_random_password" "password" {
  for_each            = var.users
  password_length     = 32
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret_version" "password" {
  for_each      = var.users
  secret_id     = aws_secretsmanager_secret.password[each.key].id
  secret_string = data.aws_secretsmanager_random_password.password[each.key].random_password

  lifecycle {
    ignore_changes = [secret_string]
  }
}

data "aws_secretsmanager_secret_version" "password" {
  for_each   = var.users
  secret_id  = aws_secretsmanager_secret.password[each.key].id
  depends_on = [aws_secretsmanager_secret_version.password]
}

resource "aws_elasticache_user" "service" {
  for_each      = var.users
  user_id       = "${var.name}-${each.key}"
  user_name     = each.key
  engine        = "redis"
  access_string = each.value.access_string
  tags          = merge(var.tags, { Name = "${var.name}-${each.key}" })

  authentication_mode {
    type      = "password"
    passwords = [local.passwords[each.key]]
  }
}

resource "aws_elasticache_user_group" "this" {
  user_group_id = var.name
  engine        = "redis"
  user_ids      = concat([aws_elasticache_user.default.user_id], [for user in aws_elasticache_user.service : user.user_id])
  tags          = merge(var.tags, { Name = var.name })
}

# Made here rather than left to the delivery, so that it has a retention and the key.
resource "aws_cloudwatch_log_group" "slow_log" {
  name              = "/aws/elasticache/${var.name}/slow-log"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.this.arn
  tags              = merge(var.tags, { Name = "${var.name}-slow-log" })
}

# One shard (cluster mode off): the services SELECT their own database and the shared one, which a cluster-mode
# cache (database 0 only) would not allow. The default parameter group of the version fits: nothing to change.
resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = var.name
  description                = "${var.name}: the services' cache, session denylist and events"
  engine                     = var.engine
  engine_version             = var.engine_version
  node_type                  = var.node_type
  port                       = local.port
  cluster_mode               = "disabled"
  num_cache_clusters         = 1 + var.replicas
  automatic_failover_enabled = true
  multi_az_enabled           = true
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [aws_security_group.cache.id]
  transit_encryption_enabled = true
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.this.arn
  user_group_ids             = [aws_elasticache_user_group.this.user_group_id]
  snapshot_retention_limit   = var.snapshot_retention_days
  snapshot_window            = local.snapshot_window
  maintenance_window         = local.maintenance_window
  final_snapshot_identifier  = "${var.name}-final"
  auto_minor_version_upgrade = true
  apply_immediately          = false
  tags                       = merge(var.tags, { Name = var.name })

  log_delivery_configuration {
    destination      = aws_cloudwatch_log_group.slow_log.name
    destination_type = "cloudwatch-logs"
    log_format       = "json"
    log_type         = "slow-log"
  }

  lifecycle {
    precondition {
      condition     = length(distinct([for settings in values(var.users) : settings.database])) == length(var.users) && !contains([for settings in values(var.users) : settings.database], var.shared_database)
      error_message = "Each user needs a database of its own, none of them the shared_database."
    }
    precondition {
      condition     = var.engine == "redis" ? can(regex("^7\\.", var.engine_version)) : can(regex("^(7\\.2|[89]\\.)", var.engine_version))
      error_message = "engine_version must be a Redis OSS 7.x version for redis, or 7.2 or later for valkey."
    }
  }
}

# Each service's two connection URLs, exactly the variables it reads: its own database and the shared one, over TLS
# (rediss) as its own user. Rewritten by Terraform whenever the password or the endpoint changes.

resource "aws_secretsmanager_secret" "url" {
  for_each    = var.users
  name        = "${var.name}/${each.key}/redis"
  description = "${each.key}'s Redis URLs: TABELOGO_REDIS_URL and TABELOGO_SHARED_REDIS_URL"
  kms_key_id  = aws_kms_key.this.arn
  tags        = merge(var.tags, { Name = "${var.name}/${each.key}/redis" })
}

resource "aws_secretsmanager_secret_version" "url" {
  for_each  = var.users
  secret_id = aws_secretsmanager_secret.url[each.key].id
  secret_string = jsonencode({
    TABELOGO_REDIS_URL        = "rediss://${each.key}:${local.passwords[each.key]}@${aws_elasticache_replication_group.this.primary_endpoint_address}:${local.port}/${each.value.database}"
    TABELOGO_SHARED_REDIS_URL = "rediss://${each.key}:${local.passwords[each.key]}@${aws_elasticache_replication_group.this.primary_endpoint_address}:${local.port}/${var.shared_database}"
  })
}
