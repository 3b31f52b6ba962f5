variable "name" {
  description = "The prefix of every resource's name, e.g. tabelogo-staging (the load balancer and target group names add at most 4 characters to it, within AWS's 32)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,27}$", var.name)) && !endswith(var.name, "-")
    error_message = "name must be 3-28 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "vpc_id" {
  description = "The VPC of the load balancer and of its targets."
  type        = string
  validation {
    condition     = can(regex("^vpc-[0-9a-f]{8,17}$", var.vpc_id))
    error_message = "vpc_id must be a VPC id such as vpc-0123456789abcdef0."
  }
}

variable "vpc_cidr_block" {
  description = "The VPC's IPv4 range: the load balancer's only egress, to the targets' port and health check port."
  type        = string
  validation {
    condition     = can(cidrhost(var.vpc_cidr_block, 0)) && !contains(["0.0.0.0/0"], var.vpc_cidr_block)
    error_message = "vpc_cidr_block must be the VPC's IPv4 CIDR (not 0.0.0.0/0)."
  }
}

variable "public_subnet_ids" {
  description = "The public subnets the load balancer spans (at least two zones, as an Application Load Balancer requires)."
  type        = list(string)
  validation {
    condition     = length(var.public_subnet_ids) >= 2 && alltrue([for id in var.public_subnet_ids : can(regex("^subnet-[0-9a-f]{8,17}$", id))])
    error_message = "public_subnet_ids must name at least two subnets (subnet-...)."
  }
}

variable "domain_name" {
  description = "The public host name of the platform, e.g. tabelogo.example.com: the certificate's name and the alias record's."
  type        = string
  validation {
    condition     = length(var.domain_name) <= 253 && can(regex("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.domain_name))
    error_message = "domain_name must be a lower-case DNS name such as tabelogo.example.com."
  }
}

variable "route53_zone_id" {
  description = "The Route 53 hosted zone of domain_name, or \"\" when the zone lives elsewhere: then no record is made here and the certificate's validation records are an output to create by hand."
  type        = string
  default     = ""
  validation {
    condition     = var.route53_zone_id == "" || can(regex("^[A-Z0-9]{1,32}$", var.route53_zone_id))
    error_message = "route53_zone_id must be a hosted zone id such as Z0123456789ABCDEFGHIJ, or \"\"."
  }
}

variable "certificate_arn" {
  description = "An existing ACM certificate for domain_name in this region, or \"\" to request one from ACM (DNS validation)."
  type        = string
  default     = ""
  validation {
    condition     = var.certificate_arn == "" || can(regex("^arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[0-9a-f-]+$", var.certificate_arn))
    error_message = "certificate_arn must be an ACM certificate ARN, or \"\"."
  }
}

variable "target_port" {
  description = "The port the load balancer forwards to: the gateway's HTTP port."
  type        = number
  default     = 8000
  validation {
    condition     = var.target_port >= 1 && var.target_port <= 65535 && floor(var.target_port) == var.target_port
    error_message = "target_port must be a port number, 1-65535."
  }
}

variable "health_check_port" {
  description = "The port of the targets' health check: the gateway's management port (its health and metrics are not on the public port)."
  type        = number
  default     = 8001
  validation {
    condition     = var.health_check_port >= 1 && var.health_check_port <= 65535 && floor(var.health_check_port) == var.health_check_port
    error_message = "health_check_port must be a port number, 1-65535."
  }
}

variable "health_check_path" {
  description = "The targets' health check path: readiness, so a gateway that cannot serve yet (or is draining) gets no traffic."
  type        = string
  default     = "/health/readiness"
  validation {
    condition     = length(var.health_check_path) <= 1024 && can(regex("^/[A-Za-z0-9/._~-]*$", var.health_check_path))
    error_message = "health_check_path must be an absolute path such as /health/readiness."
  }
}

variable "ssl_policy" {
  description = "The HTTPS listener's security policy (TLS 1.3 and 1.2 only by default)."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  validation {
    condition     = can(regex("^ELBSecurityPolicy-TLS13-", var.ssl_policy))
    error_message = "ssl_policy must be one of the ELBSecurityPolicy-TLS13-* policies (TLS 1.3 with at most TLS 1.2 besides)."
  }
}

variable "idle_timeout_seconds" {
  description = "How long the load balancer keeps a silent connection: above the scrape-progress streams' 15 s heartbeat with room to spare (Server-Sent Events)."
  type        = number
  default     = 120
  validation {
    condition     = var.idle_timeout_seconds >= 60 && var.idle_timeout_seconds <= 4000
    error_message = "idle_timeout_seconds must be 60 to 4000 (below a minute, live progress streams would be cut)."
  }
}

variable "deregistration_delay_seconds" {
  description = "How long a deregistered target keeps its in-flight requests: the services' 30 s graceful shutdown."
  type        = number
  default     = 30
  validation {
    condition     = var.deregistration_delay_seconds >= 0 && var.deregistration_delay_seconds <= 3600
    error_message = "deregistration_delay_seconds must be 0 to 3600."
  }
}

variable "waf_rate_limit" {
  description = "Requests one client IP may send in 5 minutes before the web ACL blocks it."
  type        = number
  default     = 2000
  validation {
    condition     = var.waf_rate_limit >= 100 && var.waf_rate_limit <= 2000000000 && floor(var.waf_rate_limit) == var.waf_rate_limit
    error_message = "waf_rate_limit must be a whole number from 100 to 2,000,000,000."
  }
}

variable "access_log_retention_days" {
  description = "Days the load balancer's access logs (S3) and the WAF's logs (CloudWatch Logs) are kept."
  type        = number
  default     = 90
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.access_log_retention_days)
    error_message = "access_log_retention_days must be a CloudWatch Logs retention: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653."
  }
}

variable "legacy_elb_log_delivery_account" {
  description = "Also grant the region's Elastic Load Balancing account the log bucket (regions opened before August 2022, ap-northeast-1 among them); false in newer regions, which only know the log delivery service principal."
  type        = bool
  default     = true
}

variable "dualstack" {
  description = "Serve IPv6 too (dualstack load balancer, ::/0 on 80 and 443, AAAA record); the public subnets then need IPv6 ranges."
  type        = bool
  default     = false
}

variable "deletion_protection" {
  description = "Protect the load balancer and the WAF log group against deletion (prod)."
  type        = bool
  default     = true
}

variable "force_destroy_logs" {
  description = "Let terraform destroy empty the access log bucket (staging); false keeps the logs of a destroyed environment."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource (the provider's default tags carry project and environment)."
  type        = map(string)
  default     = {}
}
