# The staging environment: the shared modules with staging's sizes. State in the bucket made by ../../bootstrap:
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

locals {
  name = "tabelogo-staging"
  tags = { environment = "staging" }
}

module "network" {
  source             = "../../modules/network"
  name               = local.name
  cidr_block         = var.cidr_block
  availability_zones = var.availability_zones
  single_nat_gateway = true
  tags               = local.tags
}

module "ecr" {
  source   = "../../modules/ecr"
  services = var.services
  tags     = local.tags
}
