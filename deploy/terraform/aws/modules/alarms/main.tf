# CloudWatch alarms that mirror the Prometheus alerts of deploy/observability/prometheus/rules/tabelogo.yml (same
# thresholds; each `for:` as that many one-minute periods), sent to an encrypted SNS topic, and one dashboard.

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

locals {
  account_id = data.aws_caller_identity.current.account_id
  region     = data.aws_region.current.region
  partition  = data.aws_partition.current.partition
  actions    = [aws_sns_topic.alarms.arn]
  runbook    = "docs/observability.md"
  alb        = { LoadBalancer = var.load_balancer_arn_suffix }
  target     = { LoadBalancer = var.load_balancer_arn_suffix, TargetGroup = var.target_group_arn_suffix }
  database   = { DBInstanceIdentifier = var.db_instance_identifier }
  # Services with a database: the others publish no pool or slow-query metrics.
  database_services = { for service, ecs_name in var.ecs_service_names : service => ecs_name if contains(var.database_services, service) }
  spider_service    = "spider-service"
  spider            = contains(keys(var.ecs_service_names), local.spider_service) ? toset([local.spider_service]) : toset([])
}

# --- Topic ---

# CloudWatch publishes to an encrypted topic only if the key lets it (kms:GenerateDataKey*, kms:Decrypt).
data "aws_iam_policy_document" "key" {
  statement {
    sid       = "AccountAdministersTheKey"
    actions   = ["kms:*"]
    resources = ["*"]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchPublishesAlarms"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
  }
}

resource "aws_kms_key" "alarms" {
  description             = "${var.name}: the alarm topic's messages"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.key.json
  tags                    = merge(var.tags, { Name = "${var.name}-alarms" })
}

resource "aws_kms_alias" "alarms" {
  name          = "alias/${var.name}-alarms"
  target_key_id = aws_kms_key.alarms.key_id
}

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  kms_master_key_id = aws_kms_key.alarms.arn
  tags              = merge(var.tags, { Name = "${var.name}-alarms" })
}

data "aws_iam_policy_document" "topic" {
  statement {
    sid = "AccountManagesTheTopic"
    actions = [
      "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:AddPermission", "sns:RemovePermission",
      "sns:DeleteTopic", "sns:Subscribe", "sns:ListSubscriptionsByTopic", "sns:Publish",
    ]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  # Only this account's alarms (not any CloudWatch customer's) may publish.
  statement {
    sid       = "CloudWatchAlarmsPublish"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.alarms.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:*"]
    }
  }
}

resource "aws_sns_topic_policy" "alarms" {
  arn    = aws_sns_topic.alarms.arn
  policy = data.aws_iam_policy_document.topic.json
}

resource "aws_sns_topic_subscription" "email" {
  count     = var.alarm_email == "" ? 0 : 1
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# --- Load balancer (the gateway's traffic) ---

# Mirrors HighErrorRate (5xx ratio > 0.05 while there is traffic, for 5m): the gateway's 5xx and the load balancer's
# own (no healthy target, a gateway timing out), counted only above 0.1 request a second (6 a minute) like the
# alert; no traffic is no error.
resource "aws_cloudwatch_metric_alarm" "error_ratio" {
  alarm_name          = "${var.name}-alb-5xx-ratio"
  alarm_description   = "Mirrors HighErrorRate: more than ${var.error_ratio * 100} % of the public answers are 5xx. Runbook: ${local.runbook}#higherrorrate"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.error_ratio
  evaluation_periods  = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags

  metric_query {
    id          = "ratio"
    label       = "5xx ratio"
    expression  = "IF(requests >= 6, SUM([FILL(target_5xx, 0), FILL(elb_5xx, 0)]) / requests, 0)"
    return_data = true
  }

  metric_query {
    id = "requests"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "RequestCount"
      dimensions  = local.alb
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id = "target_5xx"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_Target_5XX_Count"
      dimensions  = local.alb
      period      = 60
      stat        = "Sum"
    }
  }

  metric_query {
    id = "elb_5xx"
    metric {
      namespace   = "AWS/ApplicationELB"
      metric_name = "HTTPCode_ELB_5XX_Count"
      dimensions  = local.alb
      period      = 60
      stat        = "Sum"
    }
  }
}

# Mirrors HighLatencyP95 (p95 > 1 s for 10m). TargetResponseTime ends at the response headers, so the long-lived
# progress streams (Server-Sent Events) do not count as slow; too few requests for a p95 leave the state as it is.
resource "aws_cloudwatch_metric_alarm" "latency_p95" {
  alarm_name                            = "${var.name}-alb-latency-p95"
  alarm_description                     = "Mirrors HighLatencyP95: the gateway's p95 response time is over ${var.latency_p95_seconds} s. Runbook: ${local.runbook}#highlatencyp95"
  namespace                             = "AWS/ApplicationELB"
  metric_name                           = "TargetResponseTime"
  dimensions                            = local.target
  extended_statistic                    = "p95"
  period                                = 60
  evaluation_periods                    = 10
  comparison_operator                   = "GreaterThanThreshold"
  threshold                             = var.latency_p95_seconds
  evaluate_low_sample_count_percentiles = "ignore"
  treat_missing_data                    = "notBreaching"
  alarm_actions                         = local.actions
  ok_actions                            = local.actions
  tags                                  = var.tags
}

# No Prometheus counterpart: a gateway task that fails its readiness check (ServiceDown covers none running).
resource "aws_cloudwatch_metric_alarm" "unhealthy_hosts" {
  alarm_name          = "${var.name}-alb-unhealthy-hosts"
  alarm_description   = "A gateway task fails the load balancer's readiness check. Runbook: ${local.runbook}#servicedown"
  namespace           = "AWS/ApplicationELB"
  metric_name         = "UnHealthyHostCount"
  dimensions          = local.target
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# --- ECS services ---

# Mirrors ServiceDown (up == 0 for 1m) per service: no task running for a whole minute. No data is breaching: the
# service or Container Insights is gone, and either needs a look.
resource "aws_cloudwatch_metric_alarm" "service_down" {
  for_each            = var.ecs_service_names
  alarm_name          = "${var.name}-service-down-${each.key}"
  alarm_description   = "Mirrors ServiceDown: ${each.key} has no running task. Runbook: ${local.runbook}#servicedown"
  namespace           = "ECS/ContainerInsights"
  metric_name         = "RunningTaskCount"
  dimensions          = { ClusterName = var.ecs_cluster_name, ServiceName = each.value }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = 1
  treat_missing_data  = "breaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# --- Database ---

# No Prometheus counterpart (the database is not scraped); missing data (a stopped or replaced instance) is left
# INSUFFICIENT_DATA rather than taken for health.
resource "aws_cloudwatch_metric_alarm" "db_cpu" {
  alarm_name          = "${var.name}-db-cpu"
  alarm_description   = "The database's CPU has been over ${var.db_cpu_percent} % for 10 minutes."
  namespace           = "AWS/RDS"
  metric_name         = "CPUUtilization"
  dimensions          = local.database
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 10
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.db_cpu_percent
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "db_connections" {
  alarm_name          = "${var.name}-db-connections"
  alarm_description   = "The database has had over ${var.db_max_connections} connections for 5 minutes: pools of new tasks may soon be refused."
  namespace           = "AWS/RDS"
  metric_name         = "DatabaseConnections"
  dimensions          = local.database
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.db_max_connections
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "db_free_storage" {
  alarm_name          = "${var.name}-db-free-storage"
  alarm_description   = "The database has less than ${floor(var.db_free_storage_bytes / 1073741824)} GiB of free storage."
  namespace           = "AWS/RDS"
  metric_name         = "FreeStorageSpace"
  dimensions          = local.database
  statistic           = "Minimum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "LessThanThreshold"
  threshold           = var.db_free_storage_bytes
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# Mirrors DBPoolSaturated (max pending > 5 for 2m) per service with a database. A service that publishes nothing
# has nobody waiting (ServiceDown covers a silent one).
resource "aws_cloudwatch_metric_alarm" "db_pool_saturated" {
  for_each            = local.database_services
  alarm_name          = "${var.name}-db-pool-saturated-${each.key}"
  alarm_description   = "Mirrors DBPoolSaturated: requests of ${each.key} queue for a database connection. Runbook: ${local.runbook}#dbpoolsaturated"
  namespace           = var.metrics_namespace
  metric_name         = "db_connections_pending"
  dimensions          = { service = each.key }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 2
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.db_pool_pending
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# Mirrors SlowQueriesSpike (rate > 1/s for 5m) per service with a database: the counter's increase in a minute (the
# EMF exporter sends a counter's increase), divided by the minute. The collector may or may not strip a counter's
# _total suffix (its name normalisation), so both names are read.
resource "aws_cloudwatch_metric_alarm" "slow_queries" {
  for_each            = local.database_services
  alarm_name          = "${var.name}-slow-queries-${each.key}"
  alarm_description   = "Mirrors SlowQueriesSpike: ${each.key} runs more than ${var.slow_queries_per_second} slow queries a second. Runbook: ${local.runbook}#slowqueriesspike"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.slow_queries_per_second
  evaluation_periods  = 5
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags

  metric_query {
    id          = "per_second"
    label       = "slow queries a second"
    expression  = "SUM([FILL(total, 0), FILL(unsuffixed, 0)]) / 60"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = { total = "db_slow_queries_total", unsuffixed = "db_slow_queries" }
    content {
      id = metric_query.key
      metric {
        namespace   = var.metrics_namespace
        metric_name = metric_query.value
        dimensions  = { service = each.key }
        period      = 60
        stat        = "Sum"
      }
    }
  }
}

# --- Redis ---

resource "aws_cloudwatch_metric_alarm" "redis_memory" {
  for_each            = toset(var.cache_cluster_ids)
  alarm_name          = "${var.name}-redis-memory-${each.key}"
  alarm_description   = "Redis ${each.key} uses over ${var.redis_memory_percent} % of its memory for 5 minutes: evictions come next."
  namespace           = "AWS/ElastiCache"
  metric_name         = "DatabaseMemoryUsagePercentage"
  dimensions          = { CacheClusterId = each.key }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 5
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.redis_memory_percent
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "redis_evictions" {
  for_each            = toset(var.cache_cluster_ids)
  alarm_name          = "${var.name}-redis-evictions-${each.key}"
  alarm_description   = "Redis ${each.key} evicted more than ${var.redis_evictions} keys in 5 minutes: sessions and rate-limit counters may be lost."
  namespace           = "AWS/ElastiCache"
  metric_name         = "Evictions"
  dimensions          = { CacheClusterId = each.key }
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.redis_evictions
  treat_missing_data  = "missing"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# Mirrors RedisDegraded (fallback rate > 0.1/s for 2m) per service: answers given without Redis, a minute's increase
# of the counter (either name, as above) divided by the minute.
resource "aws_cloudwatch_metric_alarm" "redis_degraded" {
  for_each            = var.ecs_service_names
  alarm_name          = "${var.name}-redis-degraded-${each.key}"
  alarm_description   = "Mirrors RedisDegraded: ${each.key} answers without Redis (fallbacks). Runbook: ${local.runbook}#redisdegraded"
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.redis_fallbacks_per_second
  evaluation_periods  = 2
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags

  metric_query {
    id          = "per_second"
    label       = "fallbacks a second"
    expression  = "SUM([FILL(total, 0), FILL(unsuffixed, 0)]) / 60"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = { total = "redis_guard_fallbacks_total", unsuffixed = "redis_guard_fallbacks" }
    content {
      id = metric_query.key
      metric {
        namespace   = var.metrics_namespace
        metric_name = metric_query.value
        dimensions  = { service = each.key }
        period      = 60
        stat        = "Sum"
      }
    }
  }
}

# --- Resilience ---

# Mirrors CircuitBreakerOpen (a breaker open or forced open for 1m) per service: resilience4j's state gauge is 1 for
# a breaker's current state, published with the dimensions service and state.
resource "aws_cloudwatch_metric_alarm" "circuit_breaker_open" {
  for_each            = var.ecs_service_names
  alarm_name          = "${var.name}-circuit-breaker-open-${each.key}"
  alarm_description   = "Mirrors CircuitBreakerOpen: a circuit breaker of ${each.key} is open. Runbook: ${local.runbook}#circuitbreakeropen"
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = 1
  evaluation_periods  = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags

  metric_query {
    id          = "any_open"
    label       = "breakers open"
    expression  = "MAX([FILL(open, 0), FILL(forced_open, 0)])"
    return_data = true
  }

  metric_query {
    id = "open"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "resilience4j_circuitbreaker_state"
      dimensions  = { service = each.key, state = "open" }
      period      = 60
      stat        = "Maximum"
    }
  }

  metric_query {
    id = "forced_open"
    metric {
      namespace   = var.metrics_namespace
      metric_name = "resilience4j_circuitbreaker_state"
      dimensions  = { service = each.key, state = "forced_open" }
      period      = 60
      stat        = "Maximum"
    }
  }
}

# --- Spider ---

# Mirrors SpiderBacklog (max queue length > 50 for 10m). Every spider task reports the same database count.
resource "aws_cloudwatch_metric_alarm" "spider_backlog" {
  for_each            = local.spider
  alarm_name          = "${var.name}-spider-backlog"
  alarm_description   = "Mirrors SpiderBacklog: more than ${var.spider_backlog} scrape jobs wait for a worker. Runbook: ${local.runbook}#spiderbacklog"
  namespace           = var.metrics_namespace
  metric_name         = "spider_job_queue_length"
  dimensions          = { service = each.key }
  statistic           = "Maximum"
  period              = 60
  evaluation_periods  = 10
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.spider_backlog
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

# --- Dashboard ---

locals {
  alarm_arns = merge(
    {
      "alb-5xx-ratio"       = aws_cloudwatch_metric_alarm.error_ratio.arn
      "alb-latency-p95"     = aws_cloudwatch_metric_alarm.latency_p95.arn
      "alb-unhealthy-hosts" = aws_cloudwatch_metric_alarm.unhealthy_hosts.arn
      "db-cpu"              = aws_cloudwatch_metric_alarm.db_cpu.arn
      "db-connections"      = aws_cloudwatch_metric_alarm.db_connections.arn
      "db-free-storage"     = aws_cloudwatch_metric_alarm.db_free_storage.arn
    },
    { for service, alarm in aws_cloudwatch_metric_alarm.service_down : "service-down-${service}" => alarm.arn },
    { for service, alarm in aws_cloudwatch_metric_alarm.db_pool_saturated : "db-pool-saturated-${service}" => alarm.arn },
    { for service, alarm in aws_cloudwatch_metric_alarm.slow_queries : "slow-queries-${service}" => alarm.arn },
    { for cluster, alarm in aws_cloudwatch_metric_alarm.redis_memory : "redis-memory-${cluster}" => alarm.arn },
    { for cluster, alarm in aws_cloudwatch_metric_alarm.redis_evictions : "redis-evictions-${cluster}" => alarm.arn },
    { for service, alarm in aws_cloudwatch_metric_alarm.redis_degraded : "redis-degraded-${service}" => alarm.arn },
    { for service, alarm in aws_cloudwatch_metric_alarm.circuit_breaker_open : "circuit-breaker-open-${service}" => alarm.arn },
    { for service, alarm in aws_cloudwatch_metric_alarm.spider_backlog : "spider-backlog" => alarm.arn },
  )

  # One metrics widget: a title, its metrics (CloudWatch's array form) and a horizontal line at the threshold.
  widgets = [
    {
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title  = "Load balancer: requests and 5xx a minute"
        region = local.region
        view   = "timeSeries"
        period = 60
        stat   = "Sum"
        metrics = [
          ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", var.load_balancer_arn_suffix, { label = "requests" }],
          ["AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "LoadBalancer", var.load_balancer_arn_suffix, { label = "gateway 5xx", yAxis = "right" }],
          ["AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", "LoadBalancer", var.load_balancer_arn_suffix, { label = "load balancer 5xx", yAxis = "right" }],
        ]
      }
    },
    {
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title  = "Gateway p95 response time (s)"
        region = local.region
        view   = "timeSeries"
        period = 60
        stat   = "p95"
        metrics = [
          ["AWS/ApplicationELB", "TargetResponseTime", "LoadBalancer", var.load_balancer_arn_suffix, "TargetGroup", var.target_group_arn_suffix, { label = "p95" }],
        ]
        annotations = { horizontal = [{ label = "HighLatencyP95", value = var.latency_p95_seconds }] }
      }
    },
    {
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title  = "Spider: jobs waiting for a worker"
        region = local.region
        view   = "timeSeries"
        period = 60
        stat   = "Maximum"
        metrics = [
          [var.metrics_namespace, "spider_job_queue_length", "service", local.spider_service, { label = "queue length" }],
        ]
        annotations = { horizontal = [{ label = "SpiderBacklog", value = var.spider_backlog }] }
      }
    },
    {
      type   = "metric"
      width  = 12
      height = 6
      properties = {
        title   = "ECS: CPU per service (%)"
        region  = local.region
        view    = "timeSeries"
        period  = 60
        stat    = "Average"
        metrics = [for service, ecs_name in var.ecs_service_names : ["AWS/ECS", "CPUUtilization", "ClusterName", var.ecs_cluster_name, "ServiceName", ecs_name, { label = service }]]
      }
    },
    {
      type   = "metric"
      width  = 12
      height = 6
      properties = {
        title   = "ECS: memory per service (%)"
        region  = local.region
        view    = "timeSeries"
        period  = 60
        stat    = "Average"
        metrics = [for service, ecs_name in var.ecs_service_names : ["AWS/ECS", "MemoryUtilization", "ClusterName", var.ecs_cluster_name, "ServiceName", ecs_name, { label = service }]]
      }
    },
    {
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title  = "Database: CPU (%) and connections"
        region = local.region
        view   = "timeSeries"
        period = 60
        stat   = "Average"
        metrics = [
          ["AWS/RDS", "CPUUtilization", "DBInstanceIdentifier", var.db_instance_identifier, { label = "CPU" }],
          ["AWS/RDS", "DatabaseConnections", "DBInstanceIdentifier", var.db_instance_identifier, { label = "connections", stat = "Maximum", yAxis = "right" }],
        ]
      }
    },
    {
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title  = "Database: read and write latency (s)"
        region = local.region
        view   = "timeSeries"
        period = 60
        stat   = "Average"
        metrics = [
          ["AWS/RDS", "ReadLatency", "DBInstanceIdentifier", var.db_instance_identifier, { label = "read" }],
          ["AWS/RDS", "WriteLatency", "DBInstanceIdentifier", var.db_instance_identifier, { label = "write" }],
        ]
      }
    },
    {
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title       = "Services: requests waiting for a database connection"
        region      = local.region
        view        = "timeSeries"
        period      = 60
        stat        = "Maximum"
        metrics     = [for service, ecs_name in local.database_services : [var.metrics_namespace, "db_connections_pending", "service", service, { label = service }]]
        annotations = { horizontal = [{ label = "DBPoolSaturated", value = var.db_pool_pending }] }
      }
    },
    {
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title   = "Redis: memory used (%)"
        region  = local.region
        view    = "timeSeries"
        period  = 60
        stat    = "Maximum"
        metrics = [for id in var.cache_cluster_ids : ["AWS/ElastiCache", "DatabaseMemoryUsagePercentage", "CacheClusterId", id, { label = id }]]
      }
    },
    {
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title   = "Redis: evictions a minute"
        region  = local.region
        view    = "timeSeries"
        period  = 60
        stat    = "Sum"
        metrics = [for id in var.cache_cluster_ids : ["AWS/ElastiCache", "Evictions", "CacheClusterId", id, { label = id }]]
      }
    },
    {
      type   = "metric"
      width  = 8
      height = 6
      properties = {
        title   = "Redis: engine CPU (%)"
        region  = local.region
        view    = "timeSeries"
        period  = 60
        stat    = "Average"
        metrics = [for id in var.cache_cluster_ids : ["AWS/ElastiCache", "EngineCPUUtilization", "CacheClusterId", id, { label = id }]]
      }
    },
    {
      type   = "alarm"
      width  = 24
      height = 8
      properties = {
        title  = "Alarms"
        alarms = values(local.alarm_arns)
      }
    },
  ]
}

resource "aws_cloudwatch_dashboard" "this" {
  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = local.widgets })
}
