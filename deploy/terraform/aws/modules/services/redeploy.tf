# Database passwords rotate every 30 days by alternating logins (modules/database): a running task keeps the login
# it started with, which stays valid until the rotation after next. A weekly new deployment of each database
# service keeps every task younger than one rotation period without anyone having to remember it
# (docs/operations.md, rotating a database password). A deployment replaces tasks as any release does.

locals {
  database_services = { for name, service in var.services : name => service if service.database }
}

data "aws_iam_policy_document" "redeploy_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["scheduler.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "redeploy" {
  name               = "${var.name}-weekly-redeploy"
  description        = "EventBridge Scheduler's weekly new deployment of the database services, nothing else"
  assume_role_policy = data.aws_iam_policy_document.redeploy_trust.json
  tags               = merge(var.tags, { Name = "${var.name}-weekly-redeploy" })
}

data "aws_iam_policy_document" "redeploy" {
  statement {
    actions   = ["ecs:UpdateService"]
    resources = [for name, _ in local.database_services : aws_ecs_service.service[name].id]
  }
}

resource "aws_iam_role_policy" "redeploy" {
  name   = "update-the-database-services"
  role   = aws_iam_role.redeploy.id
  policy = data.aws_iam_policy_document.redeploy.json
}

resource "aws_scheduler_schedule" "redeploy" {
  for_each            = local.database_services
  name                = "${var.name}-redeploy-${each.key}"
  description         = "A new deployment of ${each.key} every week: no task outlives its database login's rotation"
  schedule_expression = "rate(7 days)"

  flexible_time_window {
    mode                      = "FLEXIBLE"
    maximum_window_in_minutes = 60
  }

  target {
    arn      = "arn:${local.partition}:scheduler:::aws-sdk:ecs:updateService"
    role_arn = aws_iam_role.redeploy.arn
    input = jsonencode({
      Cluster            = aws_ecs_cluster.this.name
      Service            = aws_ecs_service.service[each.key].name
      ForceNewDeployment = true
    })
  }
}
