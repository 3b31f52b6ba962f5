output "primary_endpoint_address" {
  description = "The primary's host name (it follows a failover): where the services read and write."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "reader_endpoint_address" {
  description = "The replicas' host name, for reads that may lag."
  value       = aws_elasticache_replication_group.this.reader_endpoint_address
}

output "port" {
  description = "Redis' port (TLS)."
  value       = local.port
}

output "replication_group_id" {
  description = "The replication group (the ReplicationGroupId of its CloudWatch alarms)."
  value       = aws_elasticache_replication_group.this.id
}

output "member_cluster_ids" {
  description = "The nodes' cache cluster ids (the CacheClusterId dimension of per-node alarms)."
  # ElastiCache names a replication group's nodes <group id>-001, -002, ...: known at plan time, so the alarms can be
  # made per node in the same apply (the group's member_clusters attribute is known only after it).
  value = [for node in range(1, var.replicas + 2) : format("%s-%03d", aws_elasticache_replication_group.this.replication_group_id, node)]
}

output "security_group_id" {
  description = "Redis' security group."
  value       = aws_security_group.cache.id
}

output "kms_key_arn" {
  description = "The key of the data, the secrets and the slow log: the services' execution roles need kms:Decrypt on it."
  value       = aws_kms_key.this.arn
}

output "url_secret_arns" {
  description = "Each service's secret holding TABELOGO_REDIS_URL and TABELOGO_SHARED_REDIS_URL (JSON keys), by service."
  value       = { for user, secret in aws_secretsmanager_secret.url : user => secret.arn }
}
