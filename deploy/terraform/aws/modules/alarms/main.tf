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

# --- Alarms on one metric against a threshold ---

locals {
  # Each alarm by a stable key (its name after "<name>-"). `missing`: what no data means — "notBreaching" where
  # silence is health (nothing queued, nobody waiting), "breaching" where it means gone, "missing" where a stopped
  # or replaced resource should show INSUFFICIENT_DATA rather than pass for healthy.
  threshold_alarms = merge(
    {
      # No Prometheus counterpart: a gateway task fails the load balancer's readiness check.
      "alb-unhealthy-hosts" = {
        description = "A gateway task fails the load balancer's readiness check. Runbook: ${local.runbook}#servicedown"
        namespace   = "AWS/ApplicationELB", metric = "UnHealthyHostCount", dimensions = local.target
        statistic   = "Maximum", period = 60, periods = 2, comparison = "GreaterThanThreshold", threshold = 0
        missing     = "notBreaching"
      }
      # The database is not scraped by Prometheus: these three have no counterpart there.
      "db-cpu" = {
        description = "The database's CPU has been over ${var.db_cpu_percent} % for 10 minutes."
        namespace   = "AWS/RDS", metric = "CPUUtilization", dimensions = local.database
        statistic   = "Average", period = 60, periods = 10, comparison = "GreaterThanThreshold", threshold = var.db_cpu_percent
        missing     = "missing"
      }
      "db-connections" = {
        description = "The database has had over ${var.db_max_connections} connections for 5 minutes: pools of new tasks may soon be refused."
        namespace   = "AWS/RDS", metric = "DatabaseConnections", dimensions = local.database
        statistic   = "Maximum", period = 60, periods = 5, comparison = "GreaterThanThreshold", threshold = var.db_max_connections
        missing     = "missing"
      }
      "db-free-storage" = {
        description = "The database has less than ${floor(var.db_free_storage_bytes / 1073741824)} GiB of free storage."
        namespace   = "AWS/RDS", metric = "FreeStorageSpace", dimensions = local.database
        statistic   = "Minimum", period = 300, periods = 1, comparison = "LessThanThreshold", threshold = var.db_free_storage_bytes
        missing     = "missing"
      }
    },
    # Mirrors ServiceDown (up == 0 for 1m): no task running for a whole minute; no data means the service or
    # Container Insights is gone, and either needs a look.
    { for service, ecs_name in var.ecs_service_names : "service-down-${service}" => {
      description = "Mirrors ServiceDown: ${service} has no running task. Runbook: ${local.runbook}#servicedown"
      namespace   = "ECS/ContainerInsights", metric = "RunningTaskCount"
      dimensions  = { ClusterName = var.ecs_cluster_name, ServiceName = ecs_name }
      statistic   = "Maximum", period = 60, periods = 1, comparison = "LessThanThreshold", threshold = 1
      missing     = "breaching"
    } },
    # Mirrors DBPoolSaturated (max pending > 5 for 2m) per service with a database.
    { for service, _ in local.database_services : "db-pool-saturated-${service}" => {
      description = "Mirrors DBPoolSaturated: requests of ${service} queue for a database connection. Runbook: ${local.runbook}#dbpoolsaturated"
      namespace   = var.metrics_namespace, metric = "db_connections_pending", dimensions = { service = service }
      statistic   = "Maximum", period = 60, periods = 2, comparison = "GreaterThanThreshold", threshold = var.db_pool_pending
      missing     = "notBreaching"
    } },
    # No Prometheus counterpart (Redis is not scraped): per node, as ElastiCache reports them.
    { for cluster in var.cache_cluster_ids : "redis-memory-${cluster}" => {
      description = "Redis ${cluster} uses over ${var.redis_memory_percent} % of its memory for 5 minutes: evictions come next."
      namespace   = "AWS/ElastiCache", metric = "DatabaseMemoryUsagePercentage", dimensions = { CacheClusterId = cluster }
      statistic   = "Maximum", period = 60, periods = 5, comparison = "GreaterThanThreshold", threshold = var.redis_memory_percent
      missing     = "missing"
    } },
    { for cluster in var.cache_cluster_ids : "redis-evictions-${cluster}" => {
      description = "Redis ${cluster} evicted more than ${var.redis_evictions} keys in 5 minutes: sessions and rate-limit counters may be lost."
      namespace   = "AWS/ElastiCache", metric = "Evictions", dimensions = { CacheClusterId = cluster }
      statistic   = "Sum", period = 300, periods = 1, comparison = "GreaterThanThreshold", threshold = var.redis_evictions
      missing     = "missing"
    } },
    # Mirrors SpiderBacklog (more than 50 jobs waiting for 10m).
    { for service in local.spider : "spider-backlog" => {
      description = "Mirrors SpiderBacklog: more than ${var.spider_backlog} scrape jobs wait for a worker. Runbook: ${local.runbook}#spiderbacklog"
      namespace   = var.metrics_namespace, metric = "spider_job_queue_length", dimensions = { service = service }
      statistic   = "Maximum", period = 60, periods = 10, comparison = "GreaterThanThreshold", threshold = var.spider_backlog
      missing     = "notBreaching"
    } },
  )

  # Counters as a rate a second: a minute's increase (the EMF exporter sends a counter's increase) over 60. The
  # collector may or may not strip a counter's _total suffix (its name normalisation), so both names are read.
  rate_alarms = merge(
    # Mirrors SlowQueriesSpike (rate > 1/s for 5m) per service with a database.
    { for service, _ in local.database_services : "slow-queries-${service}" => {
      description = "Mirrors SlowQueriesSpike: ${service} runs more than ${var.slow_queries_per_second} slow queries a second. Runbook: ${local.runbook}#slowqueriesspike"
      service     = service, counter = "db_slow_queries", label = "slow queries a second"
      threshold   = var.slow_queries_per_second, periods = 5
    } },
    # Mirrors RedisDegraded (fallback rate > 0.1/s for 2m) per service: answers given without Redis.
    { for service, _ in var.ecs_service_names : "redis-degraded-${service}" => {
      description = "Mirrors RedisDegraded: ${service} answers without Redis (fallbacks). Runbook: ${local.runbook}#redisdegraded"
      service     = service, counter = "redis_guard_fallbacks", label = "fallbacks a second"
      threshold   = var.redis_fallbacks_per_second, periods = 2
    } },
  )
}

resource "aws_cloudwatch_metric_alarm" "threshold" {
  for_each            = local.threshold_alarms
  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  namespace           = each.value.namespace
  metric_name         = each.value.metric
  dimensions          = each.value.dimensions
  statistic           = each.value.statistic
  period              = each.value.period
  evaluation_periods  = each.value.periods
  comparison_operator = each.value.comparison
  threshold           = each.value.threshold
  treat_missing_data  = each.value.missing
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags
}

resource "aws_cloudwatch_metric_alarm" "rate" {
  for_each            = local.rate_alarms
  alarm_name          = "${var.name}-${each.key}"
  alarm_description   = each.value.description
  comparison_operator = "GreaterThanThreshold"
  threshold           = each.value.threshold
  evaluation_periods  = each.value.periods
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.actions
  ok_actions          = local.actions
  tags                = var.tags

  metric_query {
    id          = "per_second"
    label       = each.value.label
    expression  = "SUM([FILL(total, 0), FILL(unsuffixed, 0)]) / 60"
    return_data = true
  }

  dynamic "metric_query" {
    for_each = { total = "${each.value.counter}_total", unsuffixed = each.value.counter }
    content {
      id = metric_query.key
      metric {
        namespace   = var.metrics_namespace
        metric_name = metric_query.value
        dimensions  = { service = each.value.service }
        period      = 60
        stat        = "Sum"
      }
    }
  }
}

# --- Dashboard ---

locals {
  alarm_arns = merge(
    {
      "alb-5xx-ratio"   = aws_cloudwatch_metric_alarm.error_ratio.arn
      "alb-latency-p95" = aws_cloudwatch_metric_alarm.latency_p95.arn
    },
    { for key, alarm in aws_cloudwatch_metric_alarm.threshold : key => alarm.arn },
    { for key, alarm in aws_cloudwatch_metric_alarm.rate : key => alarm.arn },
    { for service, alarm in aws_cloudwatch_metric_alarm.circuit_breaker_open : "circuit-breaker-open-${service}" => alarm.arn },
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
