output "topic_arn" {
  description = "The SNS topic the alarms notify (subscribe chat or paging integrations to it)."
  value       = aws_sns_topic.alarms.arn
}

output "dashboard_name" {
  description = "The CloudWatch dashboard's name."
  value       = aws_cloudwatch_dashboard.this.dashboard_name
}

output "alarm_arns" {
  description = "Every alarm's ARN, by a stable key (alb-5xx-ratio, service-down-<service>, redis-memory-<cluster>, ...)."
  value       = local.alarm_arns
}
