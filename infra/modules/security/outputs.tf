output "alb_security_group_id" {
  description = "Group of the ALB."
  value       = aws_security_group.alb.id
}

output "service_security_group_id" {
  description = "Group of the ECS tasks."
  value       = aws_security_group.service.id
}

output "endpoints_security_group_id" {
  description = "Group of the interface VPC endpoints."
  value       = aws_security_group.endpoints.id
}
