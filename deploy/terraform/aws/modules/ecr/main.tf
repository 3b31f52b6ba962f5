# One ECR repository per service: scanned on push, tags immutable (a tag names one build for good), encrypted, and
# trimmed by lifecycle rules so untagged layers and old builds do not pile up.

terraform {
  required_version = ">= 1.6.0"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 6.0"
    }
  }
}

variable "prefix" {
  description = "The repositories' name prefix: <prefix>/<service>, as the image workflow pushes them."
  type        = string
  default     = "tabelogo"
  validation {
    condition     = can(regex("^[a-z0-9]+([._-][a-z0-9]+)*$", var.prefix))
    error_message = "prefix must be lower-case letters and digits, optionally separated by dots, hyphens or underscores."
  }
}

variable "services" {
  description = "The services that get a repository."
  type        = set(string)
  validation {
    condition     = length(var.services) > 0 && alltrue([for service in var.services : can(regex("^[a-z][a-z0-9-]*$", service))])
    error_message = "services must name at least one service, each in lower-case letters, digits and hyphens."
  }
}

variable "keep_releases" {
  description = "How many release images (tags starting with a digit) each repository keeps."
  type        = number
  default     = 30
  validation {
    condition     = var.keep_releases >= 5 && var.keep_releases <= 1000
    error_message = "keep_releases must be 5 to 1000: a rollback needs the previous images."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}

resource "aws_ecr_repository" "service" {
  for_each             = var.services
  name                 = "${var.prefix}/${each.key}"
  image_tag_mutability = "IMMUTABLE"
  tags                 = merge(var.tags, { Name = "${var.prefix}/${each.key}" })

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
  }
}

resource "aws_ecr_lifecycle_policy" "service" {
  for_each   = aws_ecr_repository.service
  repository = each.value.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Untagged images (superseded layers of a build) go after a week"
        selection    = { tagStatus = "untagged", countType = "sinceImagePushed", countUnit = "days", countNumber = 7 }
        action       = { type = "expire" }
      },
      {
        rulePriority = 2
        description  = "Keep the newest releases (a release pushes X.Y.Z here)"
        selection    = { tagStatus = "tagged", tagPatternList = ["[0-9]*"], countType = "imageCountMoreThan", countNumber = var.keep_releases }
        action       = { type = "expire" }
      },
    ]
  })
}

output "repository_urls" {
  description = "Each service's repository URL, by service."
  value       = { for service, repository in aws_ecr_repository.service : service => repository.repository_url }
}

output "repository_arns" {
  description = "Each service's repository ARN (for the task execution role's pull permission), by service."
  value       = { for service, repository in aws_ecr_repository.service : service => repository.arn }
}
