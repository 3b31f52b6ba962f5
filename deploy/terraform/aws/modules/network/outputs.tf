output "vpc_id" {
  description = "The VPC's id."
  value       = aws_vpc.this.id
}

output "cidr_block" {
  description = "The VPC's IPv4 range."
  value       = aws_vpc.this.cidr_block
}

output "public_subnet_ids" {
  description = "The public subnets (the load balancer's), one per zone."
  value       = [for subnet in aws_subnet.public : subnet.id]
}

output "private_subnet_ids" {
  description = "The private subnets (tasks, database, Redis), one per zone."
  value       = [for subnet in aws_subnet.private : subnet.id]
}
