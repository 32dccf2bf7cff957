# What the workload stack (terraform_remote_state), the deploy scripts and the local platform read.

output "name" {
  description = "Name of the deployment."
  value       = var.name
}

output "region" {
  description = "AWS region of the stack."
  value       = var.region
}

output "workload_names" {
  description = "Names the workload stack gives its cluster, service, task family, log group and roles."
  value       = local.workload_names
}

output "cluster_name" {
  description = "ECS cluster the workload's service runs in."
  value       = module.ecs_cluster.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster."
  value       = module.ecs_cluster.arn
}

output "vpc_id" {
  description = "ID of the VPC."
  value       = module.network.vpc_id
}

output "private_subnet_ids" {
  description = "Private subnets of the tasks."
  value       = module.network.private_subnet_ids
}

output "public_subnet_ids" {
  description = "Public subnets of the ALB."
  value       = module.network.public_subnet_ids
}

output "service_security_group_id" {
  description = "Security group of the tasks."
  value       = module.security.service_security_group_id
}

output "app_port" {
  description = "Port of the app inside its container (the target group's port)."
  value       = var.app_port
}

output "alb_arn_suffix" {
  description = "ARN suffix of the ALB (request-count autoscaling)."
  value       = module.alb.alb_arn_suffix
}

output "alb_dns_name" {
  description = "DNS name of the ALB."
  value       = module.alb.alb_dns_name
}

output "target_group_arn" {
  description = "Target group the service registers its tasks in."
  value       = module.alb.target_group_arn
}

output "target_group_arn_suffix" {
  description = "ARN suffix of the target group (request-count autoscaling)."
  value       = module.alb.target_group_arn_suffix
}

output "url" {
  description = "Base URL of the service: CloudFront's when enabled, else the ALB's."
  value       = var.cloudfront_enabled ? module.edge[0].url : module.alb.url
}

output "alb_url" {
  description = "Base URL of the ALB."
  value       = module.alb.url
}

output "ecr_repository_url" {
  description = "Image repository; an image is <url>:<tag>."
  value       = module.ecr.repository_url
}

output "ecr_repository_arn" {
  description = "ARN of the image repository."
  value       = module.ecr.repository_arn
}

output "model_bucket_name" {
  description = "Bucket of the models, datasets and jobs (the app's MODEL_BUCKET)."
  value       = module.models.bucket_name
}

output "model_bucket_arn" {
  description = "ARN of the model bucket."
  value       = module.models.bucket_arn
}

output "api_key_secret_arn" {
  description = "Secret holding the API key (injected into the tasks as API_KEY)."
  value       = module.secrets.api_key_secret_arn
}

output "api_key_secret_name" {
  description = "Name of the API-key secret: aws secretsmanager get-secret-value --secret-id <name>."
  value       = module.secrets.api_key_secret_name
}

output "state_bucket" {
  description = "Bucket of the Terraform state the deploy roles are limited to."
  value       = local.state_bucket
}

output "deploy_role_arn" {
  description = "Role GitHub's deploy workflow assumes (repository variable AWS_DEPLOY_ROLE_ARN); null without github_repository."
  value       = one(module.github_oidc[*].deploy_role_arn)
}

output "plan_role_arn" {
  description = "Read-only role of the infra workflow's plan job (AWS_PLAN_ROLE_ARN); null without github_repository."
  value       = one(module.github_oidc[*].plan_role_arn)
}

output "waf_web_acl_arn" {
  description = "WAF web ACL on the ALB (null when off)."
  value       = one(module.waf[*].web_acl_arn)
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution (null when off)."
  value       = one(module.edge[*].distribution_id)
}
