variable "name" {
  description = "The prefix of every resource's name, e.g. tabelogo-staging (also the DB instance identifier)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "vpc_id" {
  description = "The VPC the database, its rotation function and its setup task live in."
  type        = string
  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "The private subnets (one per zone) for the database, the rotation function and the setup task."
  type        = list(string)
  validation {
    condition     = length(var.subnet_ids) >= 2 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "subnet_ids must name at least two subnets (subnet-...): RDS needs two zones."
  }
}

variable "client_security_group_ids" {
  description = "Each service's task security group, by service; each may reach PostgreSQL on 5432."
  type        = map(string)
  default     = {}
  validation {
    condition     = alltrue([for id in values(var.client_security_group_ids) : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "client_security_group_ids must map services to security group ids (sg-...)."
  }
}

variable "databases" {
  description = "Each service's database, by service; the name is also its role's (and <role>_clone the rotation alternates to)."
  type        = map(string)
  default = {
    auth-service       = "tabelogo_auth"
    restaurant-service = "tabelogo_restaurant"
    spider-service     = "tabelogo_spider"
  }
  validation {
    # 57 characters at most so that <role>_clone still fits PostgreSQL's 63.
    condition = (
      length(var.databases) > 0
      && alltrue([for service, database in var.databases : can(regex("^[a-z][a-z0-9-]*$", service)) && can(regex("^[a-z][a-z0-9_]{0,56}$", database))])
      && length(distinct(values(var.databases))) == length(var.databases)
    )
    error_message = "databases must map service names to distinct names of lower-case letters, digits and underscores (at most 57 characters)."
  }
}

variable "engine_version" {
  description = "The PostgreSQL version: a major version (minor versions then follow automatically) or major.minor."
  type        = string
  default     = "17"
  validation {
    condition     = can(regex("^[0-9]{2}(\\.[0-9]+)?$", var.engine_version)) && tonumber(split(".", var.engine_version)[0]) >= 16
    error_message = "engine_version must be PostgreSQL 16 or later, as 17 or 17.x (the setup script relies on 16's role grants)."
  }
}

variable "instance_class" {
  description = "The DB instance class, e.g. db.t4g.medium."
  type        = string
  default     = "db.t4g.medium"
  validation {
    condition     = can(regex("^db\\.[a-z0-9-]+\\.[a-z0-9]+$", var.instance_class))
    error_message = "instance_class must be an RDS instance class such as db.t4g.medium."
  }
}

variable "allocated_storage" {
  description = "The initial gp3 storage in GiB."
  type        = number
  default     = 20
  validation {
    condition     = var.allocated_storage >= 20 && var.allocated_storage <= 65536 && floor(var.allocated_storage) == var.allocated_storage
    error_message = "allocated_storage must be a whole number of GiB from 20 to 65536."
  }
}

variable "max_allocated_storage" {
  description = "The ceiling storage autoscaling may grow to, in GiB (not below allocated_storage)."
  type        = number
  default     = 100
  validation {
    condition     = var.max_allocated_storage >= 20 && var.max_allocated_storage <= 65536 && floor(var.max_allocated_storage) == var.max_allocated_storage
    error_message = "max_allocated_storage must be a whole number of GiB from 20 to 65536."
  }
}

variable "multi_az" {
  description = "A synchronous standby in another zone that takes over on failure (prod)."
  type        = bool
}

variable "deletion_protection" {
  description = "Refuse to delete the instance (prod); when on, a destroy also leaves a final snapshot."
  type        = bool
}

variable "backup_retention_days" {
  description = "How many days of automated backups (point-in-time recovery) to keep."
  type        = number
  default     = 7
  validation {
    condition     = var.backup_retention_days >= 1 && var.backup_retention_days <= 35 && floor(var.backup_retention_days) == var.backup_retention_days
    error_message = "backup_retention_days must be a whole number from 1 to 35."
  }
}

variable "statement_timeout_ms" {
  description = "The server's statement_timeout in milliseconds: a backstop above the services' own 3 s per connection, for every other client."
  type        = number
  default     = 5000
  validation {
    condition     = var.statement_timeout_ms >= 1000 && var.statement_timeout_ms <= 3600000 && floor(var.statement_timeout_ms) == var.statement_timeout_ms
    error_message = "statement_timeout_ms must be a whole number of milliseconds from 1000 (1 s) to 3600000 (1 h)."
  }
}

variable "slow_query_ms" {
  description = "Statements slower than this many milliseconds are logged (log_min_duration_statement); -1 turns it off."
  type        = number
  default     = 100
  validation {
    condition     = var.slow_query_ms >= -1 && floor(var.slow_query_ms) == var.slow_query_ms
    error_message = "slow_query_ms must be a whole number of milliseconds, or -1 for off."
  }
}

variable "performance_insights_retention_days" {
  description = "How long Performance Insights keeps its data: 7 (free) or a multiple of 31 up to 731."
  type        = number
  default     = 7
  validation {
    condition     = var.performance_insights_retention_days == 7 || (var.performance_insights_retention_days % 31 == 0 && var.performance_insights_retention_days >= 31 && var.performance_insights_retention_days <= 731)
    error_message = "performance_insights_retention_days must be 7, or 31 times 1 to 23 (731 at most)."
  }
}

variable "rotation_days" {
  description = "Days between rotations of each service's database credentials."
  type        = number
  default     = 30
  validation {
    condition     = var.rotation_days >= 1 && var.rotation_days <= 365 && floor(var.rotation_days) == var.rotation_days
    error_message = "rotation_days must be a whole number from 1 to 365."
  }
}

variable "log_retention_days" {
  description = "How many days the CloudWatch log groups (PostgreSQL, upgrade, rotation function, setup task) keep their logs."
  type        = number
  default     = 30
  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)."
  }
}

variable "tags" {
  description = "Tags added to every resource (the provider's default tags carry project and environment)."
  type        = map(string)
  default     = {}
}
