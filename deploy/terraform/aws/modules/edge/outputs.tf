output "load_balancer_arn" {
  description = "The load balancer's ARN."
  value       = aws_lb.this.arn
}

output "load_balancer_arn_suffix" {
  description = "The load balancer's ARN suffix: its CloudWatch dimension (LoadBalancer)."
  value       = aws_lb.this.arn_suffix
}

output "dns_name" {
  description = "The load balancer's DNS name (the target of domain_name's record when the zone is not in Route 53)."
  value       = aws_lb.this.dns_name
}

output "zone_id" {
  description = "The load balancer's canonical hosted zone id, for alias records."
  value       = aws_lb.this.zone_id
}

output "security_group_id" {
  description = "The load balancer's security group: the gateway's tasks admit their ports from it."
  value       = aws_security_group.alb.id
}

output "target_group_arn" {
  description = "The gateway's target group, for the ECS service's load_balancer block."
  # Read through the HTTPS listener: ECS refuses a target group no load balancer uses yet, so whoever attaches a
  # service to it waits for the listener.
  value = aws_lb_listener.https.default_action[0].target_group_arn
}

output "target_group_arn_suffix" {
  description = "The target group's ARN suffix: its CloudWatch dimension (TargetGroup)."
  value       = aws_lb_target_group.gateway.arn_suffix
}

output "certificate_arn" {
  description = "The HTTPS listener's certificate (once issued, when requested here)."
  value       = local.certificate_arn
}

output "certificate_validation_records" {
  description = "The DNS records that validate a requested certificate, to create by hand when the zone is not in Route 53 (empty with certificate_arn given)."
  value = [for option in local.validation_options : {
    name  = option.resource_record_name
    type  = option.resource_record_type
    value = option.resource_record_value
  }]
}

output "web_acl_arn" {
  description = "The WAF web ACL on the load balancer."
  value       = aws_wafv2_web_acl.this.arn
}

output "access_log_bucket" {
  description = "The bucket of the load balancer's access logs (under alb/AWSLogs/)."
  value       = aws_s3_bucket.access_logs.id
}
