# The prod environment (../../platform with prod's values). State in the bucket made by ../../bootstrap:
#   terraform init -backend-config="bucket=<state bucket>" -backend-config="region=<region>" \
#     -backend-config="dynamodb_table=tabelogo-terraform-locks"

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
  backend "s3" {
    key     = "tabelogo/prod/terraform.tfstate"
    encrypt = true
  }
}

variable "region" {
  description = "The AWS region of the prod environment."
  type        = string
  default     = "ap-northeast-1"
  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as ap-northeast-1."
  }
}

variable "image_tag" {
  description = "The release to run: the tag of the images in ECR (the release workflow copies them there)."
  type        = string
  validation {
    condition     = var.image_tag != "" && var.image_tag != "latest"
    error_message = "image_tag must name one build."
  }
}

variable "domain_name" {
  description = "The prod host name, e.g. tabelogo.example."
  type        = string
  validation {
    condition     = length(var.domain_name) > 3
    error_message = "domain_name must be a DNS name."
  }
}

variable "route53_zone_id" {
  description = "The Route 53 zone holding domain_name; empty when it is elsewhere."
  type        = string
  default     = ""
  validation {
    condition     = var.route53_zone_id == "" || startswith(var.route53_zone_id, "Z")
    error_message = "route53_zone_id must be empty or a Route 53 zone id."
  }
}

variable "alarm_email" {
  description = "Where the environment's alarms are mailed; empty for none."
  type        = string
  default     = ""
  validation {
    condition     = var.alarm_email == "" || strcontains(var.alarm_email, "@")
    error_message = "alarm_email must be empty or an email address."
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      project     = "tabelogo"
      environment = "prod"
      managed-by  = "terraform"
    }
  }
}

module "platform" {
  source             = "../../platform"
  environment        = "prod"
  cidr_block         = "10.50.0.0/16"
  single_nat_gateway = false
  image_tag          = var.image_tag
  domain_name        = var.domain_name
  route53_zone_id    = var.route53_zone_id
  alarm_email        = var.alarm_email
  # Kept: deletion protection and final snapshots, a standby database in another zone, two Redis replicas.
  protect           = true
  database_multi_az = true
  cache_replicas    = 2
}

output "platform" {
  description = "The environment's addresses: load balancer, cluster, services, the database setup task, alarms."
  value       = module.platform
}
