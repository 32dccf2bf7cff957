output "service_name" {
  description = "Name of the ECS service."
  value       = aws_ecs_service.app.name
}

output "task_definition_arn" {
  description = "ARN (with revision) of the task definition this apply deployed."
  value       = aws_ecs_task_definition.app.arn
}

output "task_definition_revision" {
  description = "Revision number of the task definition this apply deployed."
  value       = aws_ecs_task_definition.app.revision
}

output "image" {
  description = "Image the service runs."
  value       = "${var.repository_url}:${var.image_tag}"
}

output "log_group_name" {
  description = "CloudWatch log group of the containers."
  value       = aws_cloudwatch_log_group.app.name
}

output "task_role_arn" {
  description = "ARN of the app's role."
  value       = aws_iam_role.task.arn
}

output "execution_role_arn" {
  description = "ARN of the ECS agent's role."
  value       = aws_iam_role.execution.arn
}
