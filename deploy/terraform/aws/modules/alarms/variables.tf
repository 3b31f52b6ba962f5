variable "name" {
  description = "The prefix of every resource's name, e.g. tabelogo-staging."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "load_balancer_arn_suffix" {
  description = "The public load balancer's ARN suffix (app/<name>/<id>): the LoadBalancer dimension of its metrics."
  type        = string
  validation {
    condition     = can(regex("^app/[A-Za-z0-9-]{1,32}/[0-9a-f]+$", var.load_balancer_arn_suffix))
    error_message = "load_balancer_arn_suffix must look like app/<name>/<id>."
  }
}

variable "target_group_arn_suffix" {
  description = "The gateway target group's ARN suffix (targetgroup/<name>/<id>): the TargetGroup dimension of its metrics."
  type        = string
  validation {
    condition     = can(regex("^targetgroup/[A-Za-z0-9-]{1,32}/[0-9a-f]+$", var.target_group_arn_suffix))
    error_message = "target_group_arn_suffix must look like targetgroup/<name>/<id>."
  }
}

variable "ecs_cluster_name" {
  description = "The ECS cluster of the services (Container Insights on, for RunningTaskCount)."
  type        = string
  validation {
    condition     = can(regex("^[A-Za-z0-9_-]{1,255}$", var.ecs_cluster_name))
    error_message = "ecs_cluster_name must be 1-255 letters, digits, hyphens or underscores."
  }
}

variable "ecs_service_names" {
  description = "The platform's services: service (as in the metrics' service dimension, e.g. auth-service) => its ECS service name."
  type        = map(string)
  validation {
    condition     = length(var.ecs_service_names) > 0 && alltrue([for service, ecs_name in var.ecs_service_names : can(regex("^[a-z][a-z0-9-]*$", service)) && can(regex("^[A-Za-z0-9_-]{1,255}$", ecs_name))])
    error_message = "ecs_service_names must map at least one lower-case service name to an ECS service name."
  }
}

variable "database_services" {
  description = "The services with a database (their connection pools and slow queries are watched)."
  type        = set(string)
  default     = ["auth-service", "restaurant-service", "spider-service"]
  validation {
    condition     = alltrue([for service in var.database_services : can(regex("^[a-z][a-z0-9-]*$", service))])
    error_message = "database_services must be lower-case service names such as auth-service."
  }
}

variable "db_instance_identifier" {
  description = "The RDS instance's identifier: the DBInstanceIdentifier dimension."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,62}$", var.db_instance_identifier))
    error_message = "db_instance_identifier must be 1-63 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "cache_cluster_ids" {
  description = "The Redis replication group's member clusters: ElastiCache publishes its metrics per CacheClusterId."
  type        = list(string)
  validation {
    condition     = length(var.cache_cluster_ids) > 0 && alltrue([for id in var.cache_cluster_ids : can(regex("^[a-z][a-z0-9-]{0,49}$", id))])
    error_message = "cache_cluster_ids must name at least one cache cluster (lower-case letters, digits, hyphens)."
  }
}

variable "metrics_namespace" {
  description = "Where the OpenTelemetry collector sidecar (ADOT, awsemf exporter) writes the services' Prometheus metrics, with dimension service (and service + state for resilience4j_circuitbreaker_state); counters arrive as their increase per export."
  type        = string
  default     = "Tabelogo"
  validation {
    condition     = can(regex("^[A-Za-z0-9_./#:-]{1,255}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be a custom CloudWatch namespace (not AWS/...)."
  }
}

variable "alarm_email" {
  description = "An address that receives the alarms by email (it must confirm the subscription), or \"\" for none."
  type        = string
  default     = ""
  validation {
    condition     = var.alarm_email == "" || can(regex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be an email address or \"\"."
  }
}

variable "error_ratio" {
  description = "Share of the load balancer's answers that may be 5xx (HighErrorRate: 0.05)."
  type        = number
  default     = 0.05
  validation {
    condition     = var.error_ratio > 0 && var.error_ratio < 1
    error_message = "error_ratio must be between 0 and 1."
  }
}

variable "latency_p95_seconds" {
  description = "The gateway's p95 response time above which the latency alarm fires (HighLatencyP95: 1 s)."
  type        = number
  default     = 1
  validation {
    condition     = var.latency_p95_seconds > 0 && var.latency_p95_seconds <= 60
    error_message = "latency_p95_seconds must be above 0 and at most 60."
  }
}

variable "db_pool_pending" {
  description = "Requests waiting for a database connection in one service above which it is saturated (DBPoolSaturated: 5)."
  type        = number
  default     = 5
  validation {
    condition     = var.db_pool_pending >= 0
    error_message = "db_pool_pending must not be negative."
  }
}

variable "slow_queries_per_second" {
  description = "Slow queries a second in one service above which they spike (SlowQueriesSpike: 1)."
  type        = number
  default     = 1
  validation {
    condition     = var.slow_queries_per_second > 0
    error_message = "slow_queries_per_second must be above 0."
  }
}

variable "redis_fallbacks_per_second" {
  description = "Answers a second one service gives without Redis above which it is degraded (RedisDegraded: 0.1)."
  type        = number
  default     = 0.1
  validation {
    condition     = var.redis_fallbacks_per_second > 0
    error_message = "redis_fallbacks_per_second must be above 0."
  }
}

variable "spider_backlog" {
  description = "Scrape jobs waiting for a worker above which the spider is behind (SpiderBacklog: 50)."
  type        = number
  default     = 50
  validation {
    condition     = var.spider_backlog >= 1
    error_message = "spider_backlog must be at least 1."
  }
}

variable "db_cpu_percent" {
  description = "The database's CPU use (percent) above which it alarms."
  type        = number
  default     = 80
  validation {
    condition     = var.db_cpu_percent > 0 && var.db_cpu_percent <= 100
    error_message = "db_cpu_percent must be a percentage above 0."
  }
}

variable "db_max_connections" {
  description = "Database connections above which it alarms: about 80 % of the instance's max_connections (PostgreSQL's default is LEAST(DBInstanceClassMemory/9531392, 5000), about 400 on a 4 GiB instance)."
  type        = number
  default     = 320
  validation {
    condition     = var.db_max_connections >= 1 && var.db_max_connections <= 5000
    error_message = "db_max_connections must be 1 to 5000."
  }
}

variable "db_free_storage_bytes" {
  description = "The database's free storage (bytes) below which it alarms (5 GiB by default)."
  type        = number
  default     = 5368709120
  validation {
    condition     = var.db_free_storage_bytes >= 1073741824
    error_message = "db_free_storage_bytes must be at least 1 GiB (1073741824), to leave time to act."
  }
}

variable "redis_memory_percent" {
  description = "Redis memory use (percent of maxmemory) above which a cache cluster alarms."
  type        = number
  default     = 80
  validation {
    condition     = var.redis_memory_percent > 0 && var.redis_memory_percent <= 100
    error_message = "redis_memory_percent must be a percentage above 0."
  }
}

variable "redis_evictions" {
  description = "Keys Redis may evict in 5 minutes before it alarms (0: any eviction means the cache is too small)."
  type        = number
  default     = 0
  validation {
    condition     = var.redis_evictions >= 0
    error_message = "redis_evictions must not be negative."
  }
}

variable "tags" {
  description = "Tags added to every resource (the provider's default tags carry project and environment)."
  type        = map(string)
  default     = {}
}
