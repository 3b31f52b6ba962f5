variable "name" {
  description = "The prefix of every resource's name, e.g. tabelogo-staging."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "cidr_block" {
  description = "The VPC's IPv4 range; three public and three private subnets are carved out of it."
  type        = string
  default     = "10.40.0.0/16"
  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) <= 20
    error_message = "cidr_block must be an IPv4 CIDR of /20 or larger."
  }
}

variable "availability_zones" {
  description = "The three availability zones the subnets span, e.g. [\"ap-northeast-1a\", \"ap-northeast-1c\", \"ap-northeast-1d\"]."
  type        = list(string)
  validation {
    condition     = length(var.availability_zones) == 3 && length(distinct(var.availability_zones)) == 3
    error_message = "availability_zones must name three distinct zones."
  }
}

variable "single_nat_gateway" {
  description = "One NAT gateway for all zones (cheaper, staging) instead of one per zone (a zone's outage leaves the others their way out)."
  type        = bool
  default     = false
}

variable "interface_endpoints" {
  description = "AWS services reached through interface VPC endpoints, not the NAT: image pulls, logs, secrets."
  type        = list(string)
  default     = ["ecr.api", "ecr.dkr", "logs", "secretsmanager"]
  validation {
    condition     = alltrue([for service in var.interface_endpoints : can(regex("^[a-z0-9.-]+$", service))])
    error_message = "interface_endpoints must be AWS service names such as ecr.api."
  }
}

variable "tags" {
  description = "Tags added to every resource (the provider's default tags carry project and environment)."
  type        = map(string)
  default     = {}
}
