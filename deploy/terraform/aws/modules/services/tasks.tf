# Each service's task (a short init container, the app, its OpenTelemetry collector sidecar) and its ECS service,
# reachable from its callers through Service Connect.

locals {
  # The metrics alarms and autoscaling read; the collector drops every other series at the scrape.
  kept_metrics = ["spider_job_queue_length", "db_connections_pending", "db_slow_queries_total", "redis_guard_fallbacks_total", "resilience4j_circuitbreaker_state"]

  collector_config = {
    for name, service in local.services : name => yamlencode({
      receivers = {
        otlp = { protocols = { http = { endpoint = "127.0.0.1:4318" } } }
        prometheus = {
          config = {
            scrape_configs = [{
              job_name        = name
              scrape_interval = "30s"
              metrics_path    = "/metrics"
              static_configs  = [{ targets = ["127.0.0.1:${service.health_port}"] }]
              metric_relabel_configs = [{
                source_labels = ["__name__"]
                regex         = join("|", local.kept_metrics)
                action        = "keep"
              }]
            }]
          }
        }
      }
      processors = {
        resourcedetection = { detectors = ["env", "ecs"], timeout = "2s", override = false }
        batch             = { timeout = "10s" }
      }
      exporters = {
        awsxray = { region = local.region }
        awsemf = {
          region                  = local.region
          namespace               = var.metrics_namespace
          log_group_name          = service.emf_group
          log_stream_name         = "{TaskId}"
          dimension_rollup_option = "NoDimensionRollup"
          # Counters may arrive with or without their _total suffix, depending on the receiver's name normalisation.
          metric_declarations = [
            {
              dimensions            = [["service"]]
              metric_name_selectors = ["^spider_job_queue_length", "^db_connections_pending", "^db_slow_queries", "^redis_guard_fallbacks"]
            },
            {
              # A breaker's state is one series per state: "open" summed over the service's breakers.
              dimensions            = [["service", "state"]]
              metric_name_selectors = ["^resilience4j_circuitbreaker_state"]
            },
          ]
        }
      }
      service = {
        pipelines = {
          traces  = { receivers = ["otlp"], processors = ["resourcedetection", "batch"], exporters = ["awsxray"] }
          metrics = { receivers = ["prometheus"], processors = ["resourcedetection", "batch"], exporters = ["awsemf"] }
        }
      }
    })
  }

  # Memory (MiB): the collector's hard limit and the init container's come out of the task's; the rest is the app's,
  # and the JVM sizes its heap from that (MaxRAMPercentage).
  collector_memory = 256
  init_memory      = 64

  # Before the app starts: /tmp made writable for its unprivileged user (a task volume belongs to root) and, for a
  # database service, the RDS CA bundle fetched so it can verify the server (written under a temporary name first:
  # the app never sees half a bundle).
  init_command = {
    for name, service in var.services : name => join(" && ", concat(
      ["chmod 1777 /volumes/tmp"],
      service.database ? [
        "curl -fsS --retry 5 -o /volumes/rds-ca/global-bundle.pem.part https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem",
        "chmod 0644 /volumes/rds-ca/global-bundle.pem.part",
        "mv /volumes/rds-ca/global-bundle.pem.part /volumes/rds-ca/global-bundle.pem",
      ] : [],
    ))
  }

  app_environment = {
    for name, service in var.services : name => merge(
      {
        SERVER_PORT                                 = tostring(service.port)
        SPRING_PROFILES_ACTIVE                      = "prod"
        SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE = "30s"
        OTEL_EXPORTER_OTLP_ENDPOINT                 = "http://127.0.0.1:4318"
        HEALTH_PORT                                 = tostring(local.services[name].health_port)
        # The public service's proxy is the load balancer; the others' is their own Service Connect proxy, which
        # passes on the gateway's X-Forwarded-For.
        TABELOGO_TRUSTED_PROXIES = service.public ? var.vpc_cidr_block : "127.0.0.1/32,${var.vpc_cidr_block}"
      },
      service.grpc_port != null ? { TABELOGO_GRPC_PORT = tostring(service.grpc_port) } : {},
      service.management_port != null ? { TABELOGO_MANAGEMENT_PORT = tostring(service.management_port) } : {},
      # The login user alternates between <role> and <role>_clone as the password rotates; the service SETs ROLE.
      service.database ? {
        TABELOGO_DB_URL  = "jdbc:postgresql://${var.database_address}:${var.database_port}/${local.services[name].database}?sslmode=verify-full&sslrootcert=/etc/tabelogo/rds/global-bundle.pem"
        TABELOGO_DB_ROLE = local.services[name].database
        # Each task's share of the database's connections (the services map's validation keeps the sum in budget).
        TABELOGO_DB_POOL_MAX = tostring(service.db_pool_max)
      } : {},
      name == "map-service" ? { TABELOGO_MAP_PROVIDER = var.map_provider } : {},
      local.services[name].call_env,
      service.env,
    )
  }

  # Injected by ECS at start from the secrets' JSON keys; never in the task definition.
  app_secrets = {
    for name, service in var.services : name => concat(
      service.database ? [
        { name = "TABELOGO_DB_USER", valueFrom = "${local.services[name].db_secret}:username::" },
        { name = "TABELOGO_DB_PASSWORD", valueFrom = "${local.services[name].db_secret}:password::" },
      ] : [],
      [
        { name = "TABELOGO_REDIS_URL", valueFrom = "${local.services[name].redis}:TABELOGO_REDIS_URL::" },
        { name = "TABELOGO_SHARED_REDIS_URL", valueFrom = "${local.services[name].redis}:TABELOGO_SHARED_REDIS_URL::" },
      ],
      [for key in lookup(local.app_secret_keys, name, []) : { name = key, valueFrom = "${aws_secretsmanager_secret.app[name].arn}:${key}::" }],
    )
  }

  awslogs = {
    for name, service in local.services : name => {
      "awslogs-group"  = service.log_group
      "awslogs-region" = local.region
    }
  }
}

# The collector's configuration, read by ECS into the sidecar's AOT_CONFIG_CONTENT.
resource "aws_ssm_parameter" "collector" {
  for_each    = local.services
  name        = "/${var.name}/${each.key}/otel-collector-config"
  description = "ADOT collector configuration of ${each.key}'s sidecar"
  type        = "SecureString"
  key_id      = aws_kms_key.this.arn
  tier        = length(local.collector_config[each.key]) > 4096 ? "Advanced" : "Standard"
  value       = local.collector_config[each.key]
  tags        = merge(var.tags, { Name = "/${var.name}/${each.key}/otel-collector-config", service = each.key })
}

resource "aws_ecs_task_definition" "service" {
  for_each                 = var.services
  family                   = "${var.name}-${each.key}"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(each.value.cpu)
  memory                   = tostring(each.value.memory)
  execution_role_arn       = aws_iam_role.execution[each.key].arn
  task_role_arn            = aws_iam_role.task[each.key].arn
  tags                     = merge(var.tags, { Name = "${var.name}-${each.key}", service = each.key })

  container_definitions = jsonencode([
    {
      name      = "init"
      image     = var.init_image
      essential = false
      memory    = local.init_memory
      # Runs as root for a moment: Fargate's task volumes belong to root, and the app runs as an unprivileged user.
      readonlyRootFilesystem = true
      entryPoint             = ["sh", "-c"]
      command                = [local.init_command[each.key]]
      mountPoints = concat(
        [{ sourceVolume = "tmp", containerPath = "/volumes/tmp", readOnly = false }],
        each.value.database ? [{ sourceVolume = "rds-ca", containerPath = "/volumes/rds-ca", readOnly = false }] : [],
      )
      logConfiguration = {
        logDriver = "awslogs"
        options   = merge(local.awslogs[each.key], { "awslogs-stream-prefix" = "init" })
      }
    },
    {
      name                   = "app"
      image                  = local.services[each.key].image
      essential              = true
      readonlyRootFilesystem = true
      memory                 = each.value.memory - local.collector_memory - local.init_memory
      portMappings = [for port_name, port in local.services[each.key].ports : {
        name          = port_name
        containerPort = port
        protocol      = "tcp"
        appProtocol   = port_name == "grpc" ? "grpc" : "http"
      }]
      environment = [for variable in sort(keys(local.app_environment[each.key])) : { name = variable, value = local.app_environment[each.key][variable] }]
      secrets     = local.app_secrets[each.key]
      mountPoints = concat(
        [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }],
        each.value.database ? [{ sourceVolume = "rds-ca", containerPath = "/etc/tabelogo/rds", readOnly = true }] : [],
      )
      linuxParameters = { capabilities = { drop = ["ALL"] } }
      # Liveness, not readiness: a database outage makes every service unready, and ECS would replace them all.
      # A JVM service may take two minutes to start on a small task.
      healthCheck = {
        command     = ["CMD-SHELL", "curl -fsS http://127.0.0.1:${local.services[each.key].health_port}/health/liveness || exit 1"]
        interval    = 15
        timeout     = 5
        retries     = 3
        startPeriod = 120
      }
      # Spring drains requests in flight for up to 30 s after SIGTERM; SIGKILL comes 15 s after that.
      stopTimeout = 45
      dependsOn = [
        { containerName = "init", condition = "SUCCESS" },
        { containerName = "otel-collector", condition = "START" },
      ]
      logConfiguration = {
        logDriver = "awslogs"
        # Non-blocking: a slow log delivery must not stall request threads.
        options = merge(local.awslogs[each.key], { "awslogs-stream-prefix" = "app", mode = "non-blocking", "max-buffer-size" = "25m" })
      }
    },
    {
      name                   = "otel-collector"
      image                  = var.collector_image
      essential              = false
      readonlyRootFilesystem = true
      cpu                    = 64
      memory                 = local.collector_memory
      memoryReservation      = 128
      secrets                = [{ name = "AOT_CONFIG_CONTENT", valueFrom = aws_ssm_parameter.collector[each.key].arn }]
      linuxParameters        = { capabilities = { drop = ["ALL"] } }
      logConfiguration = {
        logDriver = "awslogs"
        options   = merge(local.awslogs[each.key], { "awslogs-stream-prefix" = "otel-collector" })
      }
    },
  ])

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # The app's /tmp under a read-only root file system; the RDS CA bundle (database services).
  volume {
    name = "tmp"
  }

  dynamic "volume" {
    for_each = each.value.database ? ["rds-ca"] : []
    content {
      name = volume.value
    }
  }

  lifecycle {
    precondition {
      condition     = contains(keys(var.image_repository_urls), each.key)
      error_message = "image_repository_urls has no repository for ${each.key}."
    }
    precondition {
      condition     = !each.value.database || contains(keys(var.databases), each.key)
      error_message = "${each.key} has a database, but databases names none for it."
    }
  }
}

resource "aws_ecs_service" "service" {
  for_each                           = var.services
  name                               = each.key
  cluster                            = aws_ecs_cluster.this.arn
  task_definition                    = aws_ecs_task_definition.service[each.key].arn
  launch_type                        = "FARGATE"
  platform_version                   = "LATEST"
  desired_count                      = each.value.desired_count
  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = each.value.public ? 150 : null
  availability_zone_rebalancing      = "ENABLED"
  enable_execute_command             = false
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"
  wait_for_steady_state              = false
  tags                               = merge(var.tags, { Name = each.key, service = each.key })

  # A deployment whose tasks do not become healthy rolls back to the last one that did.
  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.private_subnet_ids
    security_groups  = [aws_security_group.service[each.key].id]
    assign_public_ip = false
  }

  dynamic "load_balancer" {
    for_each = each.value.public ? [var.target_group_arn] : []
    content {
      target_group_arn = load_balancer.value
      container_name   = "app"
      container_port   = each.value.port
    }
  }

  # Every service is a Service Connect client; the non-public ones also serve their http and grpc ports as
  # <service>:<port>, each port under a discovery name of its own.
  service_connect_configuration {
    enabled   = true
    namespace = aws_service_discovery_http_namespace.this.arn

    log_configuration {
      log_driver = "awslogs"
      options    = merge(local.awslogs[each.key], { "awslogs-stream-prefix" = "service-connect" })
    }

    dynamic "service" {
      for_each = local.services[each.key].published
      content {
        port_name      = service.key
        discovery_name = service.key == "http" ? each.key : "${each.key}-${service.key}"
        client_alias {
          port     = service.value
          dns_name = each.key
        }
        # Service Connect's proxy ends an HTTP request after 15 s by default: a scrape's live progress stream lasts
        # minutes. The services bound their own calls (timeouts, breakers); the proxy only drops idle connections.
        timeout {
          per_request_timeout_seconds = 0
          idle_timeout_seconds        = 360
        }
      }
    }
  }

  lifecycle {
    # Autoscaling owns the task count once the service exists.
    ignore_changes = [desired_count]
  }

  # The roles' policies first: a task must not start before it may read its secrets and write its logs.
  depends_on = [aws_iam_role_policy.execution, aws_iam_role_policy.task]
}
