output "address" {
  description = "The instance's host name (the primary's, across a Multi-AZ failover)."
  value       = aws_db_instance.this.address
}

output "port" {
  description = "PostgreSQL's port."
  value       = aws_db_instance.this.port
}

output "instance_identifier" {
  description = "The DB instance identifier (the DBInstanceIdentifier dimension of its CloudWatch alarms)."
  value       = aws_db_instance.this.identifier
}

output "security_group_id" {
  description = "The database's security group."
  value       = aws_security_group.database.id
}

output "kms_key_arn" {
  description = "The key of the storage, the secrets and the logs: the services' execution roles need kms:Decrypt on it."
  value       = aws_kms_key.this.arn
}

output "credentials_secret_arns" {
  description = "Each service's credentials secret (JSON: username, password, host, port, dbname, ...), by service."
  value       = { for service, secret in aws_secretsmanager_secret.service : service => secret.arn }
}

output "role_names" {
  description = "Each service's role (and database), by service: what it SETs ROLE to whichever user the secret names."
  value       = var.databases
}

output "master_secret_arn" {
  description = "The secret RDS keeps the master user's credentials in (RDS rotates it)."
  value       = local.master_secret
}

output "setup_task_definition_arn" {
  description = "The one-off setup task (roles and databases): run it once after the first apply."
  value       = aws_ecs_task_definition.setup.arn
}

output "setup_security_group_id" {
  description = "The security group to run the setup task with."
  value       = aws_security_group.helper["setup"].id
}

output "parameter_group_name" {
  description = "The DB parameter group."
  value       = aws_db_parameter_group.this.name
}
