# Two roles per service. The execution role is what ECS uses to start a task: pull its image, write its logs, read
# its own secrets and collector configuration. The task role is what runs in the task: only the collector calls
# AWS (X-Ray, and CloudWatch Logs for its EMF records); the application itself needs no AWS permission.

locals {
  # The secrets each service's tasks read, and so the only ones its execution role may read.
  secret_arns = {
    for name, service in var.services : name => compact([
      local.services[name].db_secret,
      local.services[name].redis,
      try(aws_secretsmanager_secret.app[name].arn, ""),
    ])
  }
}

# Only ECS tasks of this account assume the roles (no confused deputy).
data "aws_iam_policy_document" "ecs_tasks_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:ecs:${local.region}:${local.account_id}:*"]
    }
  }
}

resource "aws_iam_role" "execution" {
  for_each           = var.services
  name               = "${var.name}-${each.key}-execution"
  description        = "ECS starts ${each.key} tasks with it: image, logs, secrets, collector configuration"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = merge(var.tags, { Name = "${var.name}-${each.key}-execution", service = each.key })
}

data "aws_iam_policy_document" "execution" {
  for_each = var.services

  # The registry token is not per repository; the pulls are.
  statement {
    sid       = "RegistryToken"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "PullOwnImage"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    resources = [lookup(var.repository_arns, each.key, "")]
  }

  statement {
    sid       = "OwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [aws_cloudwatch_log_group.service[each.key].arn, "${aws_cloudwatch_log_group.service[each.key].arn}:*"]
  }

  statement {
    sid       = "OwnSecrets"
    actions   = ["secretsmanager:GetSecretValue"]
    resources = local.secret_arns[each.key]
  }

  statement {
    sid       = "OwnCollectorConfiguration"
    actions   = ["ssm:GetParameters"]
    resources = [aws_ssm_parameter.collector[each.key].arn]
  }

  # The secrets' and the parameter's keys, and only as Secrets Manager or SSM decrypt them on the role's behalf.
  statement {
    sid       = "DecryptThroughSecretsManagerAndSsm"
    actions   = ["kms:Decrypt"]
    resources = distinct(concat(var.secrets_kms_key_arns, [aws_kms_key.this.arn]))
    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["secretsmanager.${local.region}.amazonaws.com", "ssm.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "execution" {
  for_each = var.services
  name     = "start-tasks"
  role     = aws_iam_role.execution[each.key].id
  policy   = data.aws_iam_policy_document.execution[each.key].json

  lifecycle {
    precondition {
      condition     = contains(keys(var.repository_arns), each.key)
      error_message = "repository_arns has no repository for ${each.key}."
    }
    precondition {
      condition     = contains(keys(var.redis_secret_arns), each.key)
      error_message = "redis_secret_arns has no Redis secret for ${each.key}."
    }
    precondition {
      condition     = !each.value.database || contains(keys(var.database_secret_arns), each.key)
      error_message = "${each.key} has a database, but database_secret_arns has no secret for it."
    }
  }
}

resource "aws_iam_role" "task" {
  for_each           = var.services
  name               = "${var.name}-${each.key}-task"
  description        = "What ${each.key} tasks may call: the collector's exports to X-Ray and CloudWatch Logs (EMF)"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_trust.json
  tags               = merge(var.tags, { Name = "${var.name}-${each.key}-task", service = each.key })
}

# The EMF exporter writes metrics as log records (CloudWatch extracts them): no cloudwatch:PutMetricData needed.
data "aws_iam_policy_document" "task" {
  for_each = var.services

  # X-Ray has no resource-level permissions for these.
  statement {
    sid       = "Traces"
    actions   = ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"]
    resources = ["*"]
  }

  statement {
    sid       = "OwnMetricRecords"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"]
    resources = [aws_cloudwatch_log_group.metrics[each.key].arn, "${aws_cloudwatch_log_group.metrics[each.key].arn}:*"]
  }
}

resource "aws_iam_role_policy" "task" {
  for_each = var.services
  name     = "collector-exports"
  role     = aws_iam_role.task[each.key].id
  policy   = data.aws_iam_policy_document.task[each.key].json
}
