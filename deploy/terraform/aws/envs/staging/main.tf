# The staging environment (../../platform with staging's values). State in the bucket made by ../../bootstrap:
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
    key     = "tabelogo/staging/terraform.tfstate"
    encrypt = true
  }
}

variable "region" {
  description = "The AWS region of the staging environment."
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
      environment = "staging"
      managed-by  = "terraform"
    }
  }
}

module "platform" {
  source             = "../../platform"
  environment        = "staging"
  cidr_block         = "10.40.0.0/16"
  single_nat_gateway = true
}

output "platform" {
  description = "The environment's VPC and image repositories."
  value       = module.platform
}
