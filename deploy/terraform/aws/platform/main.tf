# One environment of the platform: the modules composed with the environment's sizes. envs/staging and envs/prod
# call it with their own values and state; nothing else differs between them. The services themselves (ports,
# sizes, who calls whom) are modules/services' one map.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
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

variable "cidr_block" {
  description = "The environment's VPC range (distinct per environment, so they could be peered)."
  type        = string
  validation {
    condition     = can(cidrhost(var.cidr_block, 0))
    error_message = "cidr_block must be an IPv4 CIDR."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (staging) instead of one per zone (prod)."
  type        = bool
}

variable "repositories" {
  description = "The services that get an image repository (modules/services' map names the same five)."
  type        = set(string)
  default     = ["auth-service", "map-service", "restaurant-service", "spider-service", "gateway"]
  validation {
    condition     = length(var.repositories) > 0
    error_message = "repositories must name at least one service."
  }
}

variable "image_tag" {
  description = "The release every service runs: an image tag in the ECR repositories (never latest)."
  type        = string
  validation {
    condition     = var.image_tag != "" && var.image_tag != "latest"
    error_message = "image_tag must name one build, not be empty or latest."
  }
}

variable "domain_name" {
  description = "The public host name the load balancer answers, e.g. staging.tabelogo.example."
  type        = string
  validation {
    condition     = can(regex("^([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}$", var.domain_name))
    error_message = "domain_name must be a lower-case DNS name."
  }
}

variable "route53_zone_id" {
  description = "The Route 53 zone of domain_name, for the certificate's validation and the alias record; empty when the zone is elsewhere (the validation records are then an output)."
  type        = string
  default     = ""
  validation {
    condition     = var.route53_zone_id == "" || can(regex("^Z[A-Z0-9]+$", var.route53_zone_id))
    error_message = "route53_zone_id must be empty or a Route 53 zone id (Z...)."
  }
}

variable "certificate_arn" {
  description = "An ACM certificate for domain_name to use instead of requesting one."
  type        = string
  default     = ""
  validation {
    condition     = var.certificate_arn == "" || can(regex("^arn:aws[a-z-]*:acm:", var.certificate_arn))
    error_message = "certificate_arn must be empty or an ACM certificate ARN."
  }
}

variable "protect" {
  description = "Deletion protection on the database, the load balancer and the logs, and a final snapshot (prod); off lets staging be torn down."
  type        = bool
}

variable "database_multi_az" {
  description = "A standby database in another zone with automatic failover (prod)."
  type        = bool
}

variable "database_instance_class" {
  description = "The RDS instance class."
  type        = string
  default     = "db.t4g.medium"
  validation {
    condition     = can(regex("^db\\.[a-z0-9]+\\.[a-z0-9]+$", var.database_instance_class))
    error_message = "database_instance_class must be an RDS instance class such as db.t4g.medium."
  }
}

variable "cache_replicas" {
  description = "Redis replicas beside the primary (at least one, for automatic failover)."
  type        = number
  validation {
    condition     = var.cache_replicas >= 1 && var.cache_replicas <= 5
    error_message = "cache_replicas must be 1 to 5."
  }
}

variable "map_provider" {
  description = "map-service's place search: offline (the bundled places) or google (needs its API key in Secrets Manager)."
  type        = string
  default     = "offline"
  validation {
    condition     = contains(["offline", "google"], var.map_provider)
    error_message = "map_provider must be offline or google."
  }
}

variable "alarm_email" {
  description = "Where alarms are mailed (an SNS subscription to confirm); empty for none."
  type        = string
  default     = ""
  validation {
    condition     = var.alarm_email == "" || can(regex("^[^@\\s]+@[^@\\s]+$", var.alarm_email))
    error_message = "alarm_email must be empty or an email address."
  }
}

variable "log_retention_days" {
  description = "How long CloudWatch keeps the services', database's and Redis' logs."
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be a retention CloudWatch Logs offers (1, 3, 5, 7, 14, 30, 60, 90, ...)."
  }
}

# The region's first three zones that are available to this account.
data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  zones = slice(sort(data.aws_availability_zones.available.names), 0, 3)
  name  = "tabelogo-${var.environment}"
  tags  = { environment = var.environment }
  # The services with a database, each named like its role: one place for the database and the tasks.
  databases = {
    auth-service       = "tabelogo_auth"
    restaurant-service = "tabelogo_restaurant"
    spider-service     = "tabelogo_spider"
  }
}

module "network" {
  source             = "../modules/network"
  name               = local.name
  cidr_block         = var.cidr_block
  availability_zones = local.zones
  single_nat_gateway = var.single_nat_gateway
  tags               = local.tags
}

module "ecr" {
  source   = "../modules/ecr"
  services = var.repositories
  tags     = local.tags
}

module "edge" {
  source              = "../modules/edge"
  name                = local.name
  vpc_id              = module.network.vpc_id
  vpc_cidr_block      = module.network.cidr_block
  public_subnet_ids   = module.network.public_subnet_ids
  domain_name         = var.domain_name
  route53_zone_id     = var.route53_zone_id
  certificate_arn     = var.certificate_arn
  target_port         = module.services.public_ports.port
  health_check_port   = module.services.public_ports.health_port
  deletion_protection = var.protect
  force_destroy_logs  = !var.protect
  tags                = local.tags
}

module "database" {
  source                    = "../modules/database"
  name                      = local.name
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.private_subnet_ids
  databases                 = local.databases
  client_security_group_ids = { for service in keys(local.databases) : service => module.services.security_group_ids[service] }
  instance_class            = var.database_instance_class
  multi_az                  = var.database_multi_az
  deletion_protection       = var.protect
  log_retention_days        = var.log_retention_days
  tags                      = local.tags
}

module "cache" {
  source                    = "../modules/cache"
  name                      = local.name
  vpc_id                    = module.network.vpc_id
  subnet_ids                = module.network.private_subnet_ids
  client_security_group_ids = module.services.security_group_ids
  replicas                  = var.cache_replicas
  log_retention_days        = var.log_retention_days
  tags                      = local.tags
}

module "services" {
  source                          = "../modules/services"
  name                            = local.name
  environment                     = var.environment
  vpc_id                          = module.network.vpc_id
  vpc_cidr_block                  = module.network.cidr_block
  private_subnet_ids              = module.network.private_subnet_ids
  image_repository_urls           = module.ecr.repository_urls
  repository_arns                 = module.ecr.repository_arns
  image_tag                       = var.image_tag
  database_address                = module.database.address
  database_port                   = module.database.port
  databases                       = local.databases
  database_secret_arns            = module.database.credentials_secret_arns
  redis_secret_arns               = module.cache.url_secret_arns
  secrets_kms_key_arns            = [module.database.kms_key_arn, module.cache.kms_key_arn]
  target_group_arn                = module.edge.target_group_arn
  load_balancer_security_group_id = module.edge.security_group_id
  alb_request_count_label         = "${module.edge.load_balancer_arn_suffix}/${module.edge.target_group_arn_suffix}"
  map_provider                    = var.map_provider
  log_retention_days              = var.log_retention_days
  deletion_protection             = var.protect
  tags                            = local.tags
}

module "alarms" {
  source                   = "../modules/alarms"
  name                     = local.name
  load_balancer_arn_suffix = module.edge.load_balancer_arn_suffix
  target_group_arn_suffix  = module.edge.target_group_arn_suffix
  ecs_cluster_name         = module.services.cluster_name
  ecs_service_names        = module.services.service_names
  database_services        = toset(keys(local.databases))
  db_instance_identifier   = module.database.instance_identifier
  cache_cluster_ids        = module.cache.member_cluster_ids
  alarm_email              = var.alarm_email
  tags                     = local.tags
}

output "vpc_id" {
  description = "The environment's VPC."
  value       = module.network.vpc_id
}

output "repository_urls" {
  description = "Each service's image repository: the release workflow (images.yml) copies release images there."
  value       = module.ecr.repository_urls
}

output "load_balancer_dns_name" {
  description = "The load balancer's DNS name (domain_name's alias points there when Route 53 holds the zone)."
  value       = module.edge.dns_name
}

output "certificate_validation_records" {
  description = "The DNS records that validate the certificate, to create where the zone is when it is not in Route 53."
  value       = module.edge.certificate_validation_records
}

output "cluster_name" {
  description = "The ECS cluster."
  value       = module.services.cluster_name
}

output "service_names" {
  description = "Each service's ECS service name."
  value       = module.services.service_names
}

output "database_setup" {
  description = "What `aws ecs run-task` needs to make the databases and roles once after the first apply (README)."
  value = {
    task_definition = module.database.setup_task_definition_arn
    security_group  = module.database.setup_security_group_id
    subnets         = module.network.private_subnet_ids
  }
}

output "alarm_topic_arn" {
  description = "The SNS topic the alarms publish to."
  value       = module.alarms.topic_arn
}

output "dashboard_name" {
  description = "The environment's CloudWatch dashboard."
  value       = module.alarms.dashboard_name
}
