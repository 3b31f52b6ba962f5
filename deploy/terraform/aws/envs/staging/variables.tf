variable "region" {
  description = "The AWS region of the staging environment."
  type        = string
  default     = "ap-northeast-1"
  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as ap-northeast-1."
  }
}

variable "availability_zones" {
  description = "The three availability zones of the region the environment spans."
  type        = list(string)
  default     = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]
  validation {
    condition     = length(var.availability_zones) == 3
    error_message = "availability_zones must name three zones."
  }
}

variable "cidr_block" {
  description = "The environment's VPC range (distinct per environment, so they could be peered)."
  type        = string
  default     = "10.40.0.0/16"
  validation {
    condition     = can(cidrhost(var.cidr_block, 0))
    error_message = "cidr_block must be an IPv4 CIDR."
  }
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
