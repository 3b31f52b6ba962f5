output "cluster_name" {
  description = "The ECS cluster's name (the ClusterName dimension of ECS and Container Insights metrics)."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "The ECS cluster's ARN."
  value       = aws_ecs_cluster.this.arn
}

output "service_names" {
  description = "Each service's ECS service name (the ServiceName dimension), by service."
  value       = { for name, service in aws_ecs_service.service : name => service.name }
}

output "security_group_ids" {
  description = "Each service's security group, by service (the database and Redis modules admit them)."
  value       = { for name, group in aws_security_group.service : name => group.id }
}

output "execution_role_arns" {
  description = "Each service's task execution role (image, logs, secrets at start), by service."
  value       = { for name, role in aws_iam_role.execution : name => role.arn }
}

output "task_role_arns" {
  description = "Each service's task role (the collector's X-Ray and EMF exports), by service."
  value       = { for name, role in aws_iam_role.task : name => role.arn }
}

output "app_secret_arns" {
  description = "The application secrets, by service (only services that have one; map-service's value is put by the operator)."
  value       = { for name, secret in aws_secretsmanager_secret.app : name => secret.arn }
}

output "log_group_names" {
  description = "Each service's log group (app, otel-collector, init and service-connect streams), by service."
  value       = { for name, group in aws_cloudwatch_log_group.service : name => group.name }
}

output "service_connect_namespace_arn" {
  description = "The Cloud Map namespace of Service Connect."
  value       = aws_service_discovery_http_namespace.this.arn
}

output "kms_key_arn" {
  description = "The key of the services' logs, secrets, collector configuration and Fargate ephemeral storage."
  value       = aws_kms_key.this.arn
}

output "public_ports" {
  description = "The public service's HTTP port and the port of its health checks (its management port, or the HTTP one), for the load balancer."
  value = one([for name, service in var.services : {
    port        = service.port
    health_port = coalesce(service.management_port, service.port)
  } if service.public])
}
