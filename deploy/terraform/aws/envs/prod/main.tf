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
}

output "platform" {
  description = "The environment's VPC and image repositories."
  value       = module.platform
}
