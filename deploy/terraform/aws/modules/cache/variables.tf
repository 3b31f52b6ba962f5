variable "name" {
  description = "The prefix of every resource's name, e.g. tabelogo-staging (also the replication group id)."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{2,30}$", var.name)) && !can(regex("--|-$", var.name))
    error_message = "name must be 3-31 lower-case letters, digits or single hyphens, starting with a letter and not ending with a hyphen."
  }
}

variable "vpc_id" {
  description = "The VPC Redis lives in."
  type        = string
  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id must be a VPC id (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "The private subnets (one per zone) the nodes are spread over."
  type        = list(string)
  validation {
    condition     = length(var.subnet_ids) >= 2 && alltrue([for id in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", id))])
    error_message = "subnet_ids must name at least two subnets (subnet-...): Multi-AZ needs two zones."
  }
}

variable "client_security_group_ids" {
  description = "Each service's task security group, by service; each may reach Redis on 6379."
  type        = map(string)
  default     = {}
  validation {
    condition     = alltrue([for id in values(var.client_security_group_ids) : can(regex("^sg-[0-9a-f]+$", id))])
    error_message = "client_security_group_ids must map services to security group ids (sg-...)."
  }
}

variable "users" {
  description = <<-EOT
    Each service's Redis user, by service (the user's name): its own database number and its ACL (an ElastiCache
    access string: "on", key patterns, commands; no password, no resetkeys). The default mirrors
    deploy/compose/redis/users.acl.template.
  EOT
  type = map(object({
    database      = number
    access_string = string
  }))
  default = {
    auth-service = {
      database      = 0
      access_string = "on ~auth:* -@all +hello +auth +select +ping +info +client|setname +get +set +exists"
    }
    restaurant-service = {
      database      = 1
      access_string = "on ~restaurant:* %R~auth:revoked-session:* %RW~tabelogo:events:spider -@all +hello +auth +select +ping +info +client|setname +get +set +psetex +del +exists +rename +getbit +setbit +incr +pexpire +eval +evalsha +xgroup|create +xreadgroup +xpending +xclaim +xack (~restaurant:* +xadd)"
    }
    map-service = {
      database      = 2
      access_string = "on ~map:* %R~auth:revoked-session:* -@all +hello +auth +select +ping +info +client|setname +get +set +psetex +exists +eval +evalsha"
    }
    spider-service = {
      database      = 3
      access_string = "on ~spider:* ~tabelog:* ~tabelogo:events:* %R~auth:revoked-session:* -@all +hello +auth +select +ping +info +client|setname +get +set +exists +hmget +hset +pexpire +time +eval +evalsha +xadd +xtrim +xrange +xinfo|groups +xpending +zadd +zcard +zremrangebyscore +zrem"
    }
    gateway = {
      database      = 4
      access_string = "on ~gateway:* %R~auth:revoked-session:* -@all +hello +auth +select +ping +info +client|setname +get +set +psetex +exists +eval +evalsha"
    }
  }
  validation {
    condition = (
      length(var.users) > 0
      && alltrue([for user, settings in var.users : can(regex("^[a-z][a-z0-9-]*[a-z0-9]$", user)) && user != "default"])
      && alltrue([for settings in values(var.users) : settings.database >= 0 && settings.database <= 15 && floor(settings.database) == settings.database])
      && alltrue([for settings in values(var.users) : can(regex("^on ", settings.access_string)) && !can(regex("(^| )(reset|>|<|#|nopass)", settings.access_string))])
    )
    error_message = "users must name services (not \"default\") with a database 0-15 and an access string starting with \"on \" and holding no password rules or reset."
  }
}

variable "shared_database" {
  description = "The database every service shares (events and the session denylist)."
  type        = number
  default     = 5
  validation {
    condition     = var.shared_database >= 0 && var.shared_database <= 15 && floor(var.shared_database) == var.shared_database
    error_message = "shared_database must be a database number from 0 to 15."
  }
}

variable "engine" {
  description = "The engine: redis (Redis OSS) or valkey."
  type        = string
  default     = "redis"
  validation {
    condition     = contains(["redis", "valkey"], var.engine)
    error_message = "engine must be redis or valkey."
  }
}

variable "engine_version" {
  description = "The engine version as major.minor, e.g. 7.1 for Redis OSS or 8.0 for Valkey."
  type        = string
  default     = "7.1"
  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+$", var.engine_version)) && tonumber(split(".", var.engine_version)[0]) >= 7
    error_message = "engine_version must be major.minor, 7.0 or later (ACL key permissions and selectors need 7)."
  }
}

variable "node_type" {
  description = "The node type of the primary and of every replica."
  type        = string
  default     = "cache.t4g.small"
  validation {
    condition     = can(regex("^cache\\.[a-z0-9-]+\\.[a-z0-9]+$", var.node_type))
    error_message = "node_type must be an ElastiCache node type such as cache.t4g.small."
  }
}

variable "replicas" {
  description = "How many replicas follow the primary, in other zones (staging 1, prod 2); one takes over on failure."
  type        = number
  default     = 1
  validation {
    condition     = var.replicas >= 1 && var.replicas <= 5 && floor(var.replicas) == var.replicas
    error_message = "replicas must be 1 to 5: automatic failover needs at least one."
  }
}

variable "snapshot_retention_days" {
  description = "How many daily snapshots to keep (0 turns snapshots off)."
  type        = number
  default     = 7
  validation {
    condition     = var.snapshot_retention_days >= 0 && var.snapshot_retention_days <= 35 && floor(var.snapshot_retention_days) == var.snapshot_retention_days
    error_message = "snapshot_retention_days must be a whole number from 0 to 35."
  }
}

variable "log_retention_days" {
  description = "How many days the slow-log log group keeps its entries."
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
