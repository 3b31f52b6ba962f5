output "vpc_id" {
  description = "The environment's VPC."
  value       = module.network.vpc_id
}

output "repository_urls" {
  description = "Each service's image repository: the release workflow (images.yml) copies release images there."
  value       = module.ecr.repository_urls
}
