# One environment of the platform: the modules composed with the environment's sizes. envs/staging and envs/prod
# call it with their own values and state; nothing else differs between them.

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

variable "services" {
  description = "The services of the platform, each with its image repository."
  type        = set(string)
  default     = ["auth-service", "map-service", "restaurant-service", "spider-service", "gateway"]
  validation {
    condition     = length(var.services) > 0
    error_message = "services must name at least one service."
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
  services = var.services
  tags     = local.tags
}

output "vpc_id" {
  description = "The environment's VPC."
  value       = module.network.vpc_id
}

output "repository_urls" {
  description = "Each service's image repository: the release workflow (images.yml) copies release images there."
  value       = module.ecr.repository_urls
}
