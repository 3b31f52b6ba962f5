variable "name" {
  description = "The prefix of every resource's name, e.g. tabelogo-staging."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "environment" {
  description = "The environment's name: staging or prod."
  type        = string
  validation {
    condition     = contains(["staging", "prod"], var.environment)
    error_message = "environment must be staging or prod."
  }
}

variable "vpc_id" {
  description = "The VPC the tasks run in."
  type        = string
  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}

variable "vpc_cidr_block" {
  description = "The VPC's IPv4 range: where the data stores and interface endpoints are, and the load balancer the gateway trusts to forward client addresses."
  type        = string
  validation {
    condition     = can(cidrhost(var.vpc_cidr_block, 0))
    error_message = "vpc_cidr_block must be an IPv4 CIDR."
  }
}

variable "private_subnet_ids" {
  description = "The private subnets the tasks run in (no public addresses), at least two zones."
  type        = list(string)
  validation {
    condition     = length(var.private_subnet_ids) >= 2 && alltrue([for id in var.private_subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "private_subnet_ids must list at least two subnet ids (subnet-...)."
  }
}

variable "image_repository_urls" {
  description = "Each service's ECR repository URL (modules/ecr repository_urls), by service."
  type        = map(string)
}

variable "repository_arns" {
  description = "Each service's ECR repository ARN (modules/ecr repository_arns), by service: its execution role may pull from that repository only."
  type        = map(string)
}

variable "image_tag" {
  description = "The image tag every service runs: one build (a release X.Y.Z or a commit), never \"latest\"."
  type        = string
  validation {
    condition     = var.image_tag != "latest" && can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag must be a non-empty Docker tag naming one build, not \"latest\"."
  }
}

variable "services" {
  description = <<-EOT
    The services, by name: ports (grpc_port and management_port optional), Fargate size (cpu/memory), task counts and
    CPU target for autoscaling, its database connection pool (db_pool_max), whether it has a database, reaches the
    internet, or is the public one behind the load
    balancer; `calls` (from deploy/helm/tabelogo/values.yaml services.*.calls): the services it calls on their "http" or
    "grpc" port, with the variables that say where ("%s" becomes the callee's Service Connect "<service>:<port>");
    `env`: further plain settings.
  EOT
  type = map(object({
    port               = number
    grpc_port          = optional(number)
    management_port    = optional(number)
    cpu                = number
    memory             = number
    desired_count      = number
    min_count          = number
    max_count          = number
    cpu_target_percent = optional(number, 70)
    db_pool_max        = optional(number, 10)
    database           = optional(bool, false)
    internet           = optional(bool, false)
    public             = optional(bool, false)
    calls = optional(list(object({
      service = string
      port    = string
      env     = map(string)
    })), [])
    env = optional(map(string), {})
  }))
  default = {
    "auth-service" = {
      port          = 8080
      grpc_port     = 9090
      cpu           = 512
      memory        = 1024
      desired_count = 2
      min_count     = 2
      max_count     = 6
      database      = true
    }
    "map-service" = {
      port          = 8081
      grpc_port     = 19083
      cpu           = 512
      memory        = 1024
      desired_count = 2
      min_count     = 2
      max_count     = 6
      internet      = true
      calls = [
        { service = "auth-service", port = "http", env = { TABELOGO_JWKS_URI = "http://%s/.well-known/jwks.json" } },
      ]
    }
    "restaurant-service" = {
      port          = 18082
      grpc_port     = 19082
      cpu           = 1024
      memory        = 2048
      desired_count = 2
      min_count     = 2
      max_count     = 8
      database      = true
      calls = [
        {
          service = "auth-service"
          port    = "http"
          env = {
            TABELOGO_JWKS_URI          = "http://%s/.well-known/jwks.json"
            TABELOGO_SERVICE_TOKEN_URI = "http://%s/internal/v1/service-tokens"
          }
        },
        { service = "map-service", port = "grpc", env = { TABELOGO_MAP_GRPC_ADDRESS = "static://%s" } },
      ]
    }
    "spider-service" = {
      port          = 18084
      grpc_port     = 19084
      cpu           = 512
      memory        = 1024
      desired_count = 2
      min_count     = 2
      max_count     = 6
      database      = true
      internet      = true
      calls = [
        { service = "auth-service", port = "http", env = { TABELOGO_JWKS_URI = "http://%s/.well-known/jwks.json" } },
      ]
    }
    "gateway" = {
      port            = 8000
      management_port = 8001
      cpu             = 1024
      memory          = 2048
      desired_count   = 2
      min_count       = 2
      max_count       = 8
      public          = true
      calls = [
        { service = "auth-service", port = "http", env = { TABELOGO_AUTH_URL = "http://%s", TABELOGO_JWKS_URI = "http://%s/.well-known/jwks.json" } },
        { service = "map-service", port = "http", env = { TABELOGO_MAP_URL = "http://%s" } },
        { service = "restaurant-service", port = "http", env = { TABELOGO_RESTAURANT_URL = "http://%s" } },
        { service = "spider-service", port = "http", env = { TABELOGO_SPIDER_URL = "http://%s" } },
      ]
    }
  }

  validation {
    # Names end up in IAM role names (<name>-<service>-execution, 64 characters at most) and Service Connect aliases.
    condition     = length(var.services) > 0 && alltrue([for name, service in var.services : can(regex("^[a-z][a-z0-9-]{1,19}$", name))])
    error_message = "services must name at least one service, each 2-20 lower-case letters, digits or hyphens."
  }
  validation {
    # Fargate's task sizes: 256 CPU units with 0.5-2 GB, then from twice the CPU units up to a ceiling, in 1 GB
    # steps (4 GB from 8 vCPU, 8 GB from 16 vCPU). At least 1 GB: the JVM and the collector share the task.
    condition = alltrue([for service in var.services : contains([256, 512, 1024, 2048, 4096, 8192, 16384], service.cpu) && service.memory >= 1024 && (
      service.cpu == 256 ? contains([1024, 2048], service.memory) : (
        service.memory >= service.cpu * 2
        && service.memory <= lookup({ 512 = 4096, 1024 = 8192, 2048 = 16384, 4096 = 30720, 8192 = 61440, 16384 = 122880 }, tostring(service.cpu), 0)
        && service.memory % (service.cpu >= 16384 ? 8192 : service.cpu >= 8192 ? 4096 : 1024) == 0
      )
    )])
    error_message = "Each service's cpu/memory must be a Fargate task size (e.g. 512/1024, 1024/2048, 2048/4096) with at least 1024 MiB."
  }
  validation {
    condition = alltrue([for service in var.services :
      service.min_count >= 1 && service.min_count <= service.desired_count && service.desired_count <= service.max_count && service.max_count <= 100
    ])
    error_message = "Each service needs 1 <= min_count <= desired_count <= max_count <= 100."
  }
  validation {
    condition     = alltrue([for service in var.services : service.cpu_target_percent >= 20 && service.cpu_target_percent <= 90])
    error_message = "Each service's cpu_target_percent must be 20 to 90."
  }
  validation {
    # db.t4g.medium allows about 400 connections: every database task at its maximum count, each pool full, stays
    # under 300, leaving room for a deploy's extra tasks, migrations, the setup task and the rotation function.
    condition     = sum([for service in var.services : service.database ? service.max_count * service.db_pool_max : 0]) <= 300
    error_message = "The database services' max_count x db_pool_max must add up to 300 connections at most."
  }
  validation {
    condition = alltrue([for service in var.services : alltrue([
      for port in [service.port, service.grpc_port, service.management_port] : port >= 1024 && port <= 65535 && floor(port) == port if port != null
      ]) && length(distinct([for port in [service.port, service.grpc_port, service.management_port] : port if port != null])) == length([
      for port in [service.port, service.grpc_port, service.management_port] : port if port != null
    ])])
    error_message = "Each service's ports must be distinct whole numbers from 1024 to 65535."
  }
  validation {
    condition     = length([for service in var.services : service if service.public]) == 1
    error_message = "Exactly one service must be public (the gateway, behind the load balancer)."
  }
  validation {
    # Only the services behind the edge are published in Service Connect: the public one is reached through the ALB.
    condition = alltrue(flatten([for name, service in var.services : [for call in service.calls :
      call.service != name
      && !try(var.services[call.service].public, true)
      && contains(["http", "grpc"], call.port)
      && (call.port == "http" || try(var.services[call.service].grpc_port != null, false))
      && length(call.env) > 0
    ]]))
    error_message = "Each call must name another, non-public service of the map, port \"http\" or \"grpc\" (one the callee has), and at least one variable."
  }
}

variable "database_address" {
  description = "The PostgreSQL server's host name (modules/database), as its certificate names it (sslmode=verify-full)."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9.-]+$", var.database_address))
    error_message = "database_address must be a host name."
  }
}

variable "database_port" {
  description = "The PostgreSQL server's port."
  type        = number
  default     = 5432
  validation {
    condition     = var.database_port >= 1024 && var.database_port <= 65535
    error_message = "database_port must be 1024 to 65535."
  }
}

variable "databases" {
  description = "Each database service's database name, which is also its role name (the services SET ROLE to it), by service."
  type        = map(string)
}

variable "database_secret_arns" {
  description = "Each database service's login secret (JSON: username, password, host, port, dbname), by service."
  type        = map(string)
}

variable "redis_secret_arns" {
  description = "Each service's Redis secret (JSON: TABELOGO_REDIS_URL, TABELOGO_SHARED_REDIS_URL), by service."
  type        = map(string)
}

variable "redis_port" {
  description = "The port of the Redis (ElastiCache) endpoints the services reach."
  type        = number
  default     = 6379
  validation {
    condition     = var.redis_port >= 1024 && var.redis_port <= 65535
    error_message = "redis_port must be 1024 to 65535."
  }
}

variable "secrets_kms_key_arns" {
  description = "The KMS keys the database and Redis secrets are encrypted with: each execution role may decrypt with them through Secrets Manager."
  type        = list(string)
  validation {
    condition     = alltrue([for arn in var.secrets_kms_key_arns : can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/", arn))])
    error_message = "secrets_kms_key_arns must be KMS key ARNs (arn:aws:kms:<region>:<account>:key/...)."
  }
}

variable "target_group_arn" {
  description = "The gateway's target group (modules/edge)."
  type        = string
  validation {
    condition     = can(regex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:targetgroup/", var.target_group_arn))
    error_message = "target_group_arn must be a target group ARN."
  }
}

variable "load_balancer_security_group_id" {
  description = "The load balancer's security group (modules/edge): the only source of traffic to the public service."
  type        = string
  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.load_balancer_security_group_id))
    error_message = "load_balancer_security_group_id must be a security group id (sg-...)."
  }
}

variable "alb_request_count_label" {
  description = "\"<load balancer ARN suffix>/<target group ARN suffix>\": the resource label of ALBRequestCountPerTarget for the public service's autoscaling."
  type        = string
  validation {
    condition     = can(regex("^app/[^/]+/[0-9a-f]+/targetgroup/[^/]+/[0-9a-f]+$", var.alb_request_count_label))
    error_message = "alb_request_count_label must be app/<alb>/<id>/targetgroup/<target group>/<id>."
  }
}

variable "requests_per_target" {
  description = "The public service's scaling target: requests per task per minute (ALBRequestCountPerTarget)."
  type        = number
  default     = 1000
  validation {
    condition     = var.requests_per_target >= 10
    error_message = "requests_per_target must be at least 10."
  }
}

variable "spider_jobs_per_task" {
  description = "spider-service's scaling target: pending jobs (spider_job_queue_length) per running task."
  type        = number
  default     = 10
  validation {
    condition     = var.spider_jobs_per_task >= 1
    error_message = "spider_jobs_per_task must be at least 1."
  }
}

variable "metrics_namespace" {
  description = "The CloudWatch namespace of the services' own metrics (the collector's EMF exporter); alarms and autoscaling read it."
  type        = string
  default     = "Tabelogo"
  validation {
    condition     = can(regex("^[A-Za-z0-9._/#:-]{1,255}$", var.metrics_namespace)) && !startswith(var.metrics_namespace, "AWS/")
    error_message = "metrics_namespace must be a CloudWatch namespace not starting with AWS/."
  }
}

variable "collector_image" {
  description = "The AWS Distro for OpenTelemetry collector image of the sidecar, pinned to a version."
  type        = string
  default     = "public.ecr.aws/aws-observability/aws-otel-collector:v0.49.0"
  validation {
    condition     = can(regex(":v?[0-9]+\\.[0-9]+\\.[0-9]+$", var.collector_image))
    error_message = "collector_image must be pinned to a version tag (e.g. :v0.49.0)."
  }
}

variable "init_image" {
  description = "The image of each task's init container (needs sh, chmod and curl): makes the app's /tmp volume writable and fetches the RDS CA bundle for database services."
  type        = string
  default     = "public.ecr.aws/amazonlinux/amazonlinux:2023"
  validation {
    condition     = can(regex(":[A-Za-z0-9_][A-Za-z0-9_.-]*$", var.init_image)) && !endswith(var.init_image, ":latest")
    error_message = "init_image must carry a tag other than latest."
  }
}

variable "log_retention_days" {
  description = "How long the services' logs (and the collector's EMF records) are kept, in days."
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs offers (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "cpu_architecture" {
  description = "The tasks' CPU architecture: ARM64 (Graviton, cheaper) or X86_64; the images are multi-architecture."
  type        = string
  default     = "ARM64"
  validation {
    condition     = contains(["ARM64", "X86_64"], var.cpu_architecture)
    error_message = "cpu_architecture must be ARM64 or X86_64."
  }
}

variable "map_provider" {
  description = "map-service's provider: offline (bundled data) or google (Google Places; its API key goes into map-service's app secret)."
  type        = string
  default     = "offline"
  validation {
    condition     = contains(["offline", "google"], var.map_provider)
    error_message = "map_provider must be offline or google."
  }
}

variable "vpc_endpoints_cover_aws_apis" {
  description = <<-EOT
    The VPC has interface endpoints for SSM, X-Ray and CloudWatch (monitoring) besides ECR, Logs and Secrets Manager,
    and collector_image and init_image are copied into ECR. Only then do services that neither reach the internet
    nor fetch the RDS CA bundle lose HTTPS to anywhere; otherwise every task needs it (through the NAT).
  EOT
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Protect the log groups from deletion and keep deleted secrets recoverable for 30 days (prod) instead of 7."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource (the provider's default tags carry project and environment)."
  type        = map(string)
  default     = {}
}
