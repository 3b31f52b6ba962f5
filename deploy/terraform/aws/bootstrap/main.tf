# The remote state's home, applied once per AWS account with local state (docs: deploy/terraform/README.md):
# a versioned, encrypted, private S3 bucket for the environments' state and a DynamoDB table for their locks.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "region" {
  description = "The AWS region of the state bucket and lock table."
  type        = string
  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as ap-northeast-1."
  }
}

variable "state_bucket" {
  description = "The S3 bucket holding every environment's Terraform state (globally unique)."
  type        = string
  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.state_bucket))
    error_message = "state_bucket must be a valid S3 bucket name: 3-63 lower-case letters, digits, dots and hyphens."
  }
}

variable "lock_table" {
  description = "The DynamoDB table Terraform locks the state with."
  type        = string
  default     = "tabelogo-terraform-locks"
  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.lock_table))
    error_message = "lock_table must be 3-255 letters, digits, underscores, dots or hyphens."
  }
}

provider "aws" {
  region = var.region
  default_tags {
    tags = {
      project    = "tabelogo"
      managed-by = "terraform"
      component  = "terraform-state"
    }
  }
}

resource "aws_s3_bucket" "state" {
  bucket = var.state_bucket
  tags   = { Name = var.state_bucket }

  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_dynamodb_table" "locks" {
  name         = var.lock_table
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "LockID"
  tags         = { Name = var.lock_table }

  attribute {
    name = "LockID"
    type = "S"
  }

  server_side_encryption {
    enabled = true
  }

  point_in_time_recovery {
    enabled = true
  }
}

output "state_bucket" {
  description = "The bucket to name in each environment's backend configuration."
  value       = aws_s3_bucket.state.id
}

output "lock_table" {
  description = "The lock table to name in each environment's backend configuration."
  value       = aws_dynamodb_table.locks.name
}
