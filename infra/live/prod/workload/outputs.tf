output "cluster_name" {
  description = "ECS cluster (aws ecs wait services-stable --cluster)."
  value       = local.core.cluster_name
}

output "service_name" {
  description = "ECS service (aws ecs wait services-stable --services)."
  value       = module.ecs.service_name
}

output "task_definition_arn" {
  description = "Task definition revision this apply deployed."
  value       = module.ecs.task_definition_arn
}

output "image" {
  description = "Image the service runs."
  value       = module.ecs.image
}

output "image_tag" {
  description = "Tag deployed (the deploy script records it to roll back to)."
  value       = var.image_tag
}

output "log_group_name" {
  description = "CloudWatch log group of the containers (aws logs tail)."
  value       = module.ecs.log_group_name
}

output "url" {
  description = "Base URL of the service (from the core stack)."
  value       = local.core.url
}
