# Every Tabelogo service on ECS Fargate, from one map of services: the cluster, Service Connect between the services,
# their security groups (derived from who calls whom), logs, application secrets, roles, tasks and autoscaling.
# This file: what is derived from var.services once, the key, the cluster, the namespace, logs and the network rules.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

data "aws_partition" "current" {}

# Image layers come from S3 through the network's gateway endpoint: egress to S3's prefix list, not to the internet.
data "aws_ec2_managed_prefix_list" "s3" {
  name = "com.amazonaws.${data.aws_region.current.region}.s3"
}

locals {
  region       = data.aws_region.current.region
  account_id   = data.aws_caller_identity.current.account_id
  partition    = data.aws_partition.current.partition
  cluster_name = var.name

  # Everything per service, derived once from var.services.
  services = {
    for name, service in var.services : name => {
      health_port = coalesce(service.management_port, service.port)
      ports       = { for port_name, port in { http = service.port, grpc = service.grpc_port, management = service.management_port } : port_name => port if port != null }
      # Published in Service Connect (the public service is reached through the load balancer, and only calls).
      published = service.public ? {} : { for port_name, port in { http = service.port, grpc = service.grpc_port } : port_name => port if port != null }
      log_group = "/${var.name}/ecs/${name}"
      emf_group = "/${var.name}/metrics/${name}"
      image     = "${lookup(var.image_repository_urls, name, "")}:${var.image_tag}"
      database  = service.database ? lookup(var.databases, name, "") : ""
      db_secret = service.database ? lookup(var.database_secret_arns, name, "") : ""
      redis     = lookup(var.redis_secret_arns, name, "")
      # Data stores and the RDS CA bundle aside, HTTPS to anywhere only where the VPC endpoints do not cover the AWS
      # APIs and public images the tasks use (see vpc_endpoints_cover_aws_apis).
      https_anywhere = !var.vpc_endpoints_cover_aws_apis || service.internet || service.database
      # "%s" of each call's variables becomes the callee's Service Connect address.
      call_env = merge({}, [for call in service.calls : {
        for variable, format in call.env : variable => replace(format, "%s", "${call.service}:${call.port == "grpc" ? var.services[call.service].grpc_port : var.services[call.service].port}")
      }]...)
    }
  }

  # Who calls whom on which port: each flow is an egress rule at the caller and an ingress rule at the callee.
  flows = {
    for flow in distinct(flatten([
      for caller, service in var.services : [
        for call in service.calls : {
          caller = caller
          callee = call.service
          port   = call.port == "grpc" ? var.services[call.service].grpc_port : var.services[call.service].port
        }
      ]
    ])) : "${flow.caller}>${flow.callee}:${flow.port}" => flow
  }

  public_service = one([for name, service in var.services : name if service.public])
  alb_ports      = toset([for port in [var.services[local.public_service].port, var.services[local.public_service].management_port] : tostring(port) if port != null])

  # Plain egress per service: HTTPS to the interface endpoints, Redis, the database where it has one.
  vpc_egress = merge([
    for name, service in var.services : merge(
      { "${name}:443" = { service = name, port = 443, what = "HTTPS to the VPC's interface endpoints" } },
      { "${name}:${var.redis_port}" = { service = name, port = var.redis_port, what = "Redis" } },
      service.database ? { "${name}:${var.database_port}" = { service = name, port = var.database_port, what = "PostgreSQL" } } : {},
    )
  ]...)
}

# One key for what this module stores: log groups, EMF records, application secrets, collector configuration and
# the tasks' ephemeral storage.
resource "aws_kms_key" "this" {
  description             = "${var.name} services: logs, secrets, collector configuration, Fargate ephemeral storage"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = merge(var.tags, { Name = "${var.name}-services" })
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.name}-services"
  target_key_id = aws_kms_key.this.key_id
}

data "aws_iam_policy_document" "key" {
  # The account administers the key; the roles' own policies say who may use it (Secrets Manager, SSM).
  statement {
    sid       = "Account"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }
    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values = [
        "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/${var.name}/ecs/*",
        "arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/${var.name}/metrics/*",
      ]
    }
  }

  # Fargate encrypts the tasks' ephemeral storage with the key, for this cluster only.
  statement {
    sid       = "FargateEphemeralStorage"
    actions   = ["kms:GenerateDataKeyWithoutPlaintext"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["fargate.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:ecs:clusterAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:ecs:clusterName"
      values   = [local.cluster_name]
    }
  }

  statement {
    sid       = "FargateEphemeralStorageGrant"
    actions   = ["kms:CreateGrant"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["fargate.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:ecs:clusterAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "StringEquals"
      variable = "kms:EncryptionContext:aws:ecs:clusterName"
      values   = [local.cluster_name]
    }
    condition {
      test     = "ForAllValues:StringEquals"
      variable = "kms:GrantOperations"
      values   = ["Decrypt"]
    }
  }
}

resource "aws_service_discovery_http_namespace" "this" {
  name        = "${var.name}.internal"
  description = "Service Connect between the ${var.name} services"
  tags        = merge(var.tags, { Name = "${var.name}.internal" })
}

resource "aws_ecs_cluster" "this" {
  name = local.cluster_name
  tags = merge(var.tags, { Name = local.cluster_name })

  # Per-task and per-container metrics; RunningTaskCount (ECS/ContainerInsights) also feeds spider's scaling.
  setting {
    name  = "containerInsights"
    value = "enhanced"
  }

  configuration {
    managed_storage_configuration {
      fargate_ephemeral_storage_kms_key_id = aws_kms_key.this.arn
    }
  }

  service_connect_defaults {
    namespace = aws_service_discovery_http_namespace.this.arn
  }
}

# The app, the collector, the init container and the Service Connect proxy: one group per service, streams by prefix.
resource "aws_cloudwatch_log_group" "service" {
  for_each                    = local.services
  name                        = each.value.log_group
  retention_in_days           = var.log_retention_days
  kms_key_id                  = aws_kms_key.this.arn
  deletion_protection_enabled = var.deletion_protection
  tags                        = merge(var.tags, { Name = each.value.log_group, service = each.key })
}

# The collector's EMF records: CloudWatch makes the declared metrics of them.
resource "aws_cloudwatch_log_group" "metrics" {
  for_each                    = local.services
  name                        = each.value.emf_group
  retention_in_days           = var.log_retention_days
  kms_key_id                  = aws_kms_key.this.arn
  deletion_protection_enabled = var.deletion_protection
  tags                        = merge(var.tags, { Name = each.value.emf_group, service = each.key })
}

# --- Security groups: only the flows declared in var.services ---

resource "aws_security_group" "service" {
  for_each    = var.services
  name        = "${var.name}-${each.key}"
  description = "${each.key} tasks"
  vpc_id      = var.vpc_id
  tags        = merge(var.tags, { Name = "${var.name}-${each.key}", service = each.key })
}

resource "aws_vpc_security_group_ingress_rule" "from_caller" {
  for_each                     = local.flows
  security_group_id            = aws_security_group.service[each.value.callee].id
  description                  = "From ${each.value.caller} (Service Connect)"
  referenced_security_group_id = aws_security_group.service[each.value.caller].id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  tags                         = var.tags
}

resource "aws_vpc_security_group_egress_rule" "to_callee" {
  for_each                     = local.flows
  security_group_id            = aws_security_group.service[each.value.caller].id
  description                  = "To ${each.value.callee} (Service Connect)"
  referenced_security_group_id = aws_security_group.service[each.value.callee].id
  ip_protocol                  = "tcp"
  from_port                    = each.value.port
  to_port                      = each.value.port
  tags                         = var.tags
}

# The public service's traffic port and its health check (management) port, from the load balancer only.
resource "aws_vpc_security_group_ingress_rule" "from_load_balancer" {
  for_each                     = local.alb_ports
  security_group_id            = aws_security_group.service[local.public_service].id
  description                  = "From the load balancer on ${each.key}"
  referenced_security_group_id = var.load_balancer_security_group_id
  ip_protocol                  = "tcp"
  from_port                    = tonumber(each.key)
  to_port                      = tonumber(each.key)
  tags                         = var.tags
}

resource "aws_vpc_security_group_egress_rule" "vpc" {
  for_each          = local.vpc_egress
  security_group_id = aws_security_group.service[each.value.service].id
  description       = each.value.what
  cidr_ipv4         = var.vpc_cidr_block
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  tags              = var.tags
}

resource "aws_vpc_security_group_egress_rule" "s3" {
  for_each          = var.services
  security_group_id = aws_security_group.service[each.key].id
  description       = "HTTPS to S3 (image layers, through the gateway endpoint)"
  prefix_list_id    = data.aws_ec2_managed_prefix_list.s3.id
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  tags              = var.tags
}

# HTTPS through the NAT: the internet services' own calls (Google Places, Tabelog), the RDS CA bundle, and - as long
# as the VPC has no endpoints for them - the collector's exports (X-Ray, CloudWatch), SSM and the public images.
resource "aws_vpc_security_group_egress_rule" "https_anywhere" {
  for_each          = { for name, service in local.services : name => service if service.https_anywhere }
  security_group_id = aws_security_group.service[each.key].id
  description       = "HTTPS to the internet and AWS APIs without a VPC endpoint"
  cidr_ipv4         = "0.0.0.0/0"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  tags              = var.tags
}
