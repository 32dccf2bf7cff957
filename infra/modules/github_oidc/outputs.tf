output "provider_arn" {
  description = "ARN of the GitHub OIDC identity provider."
  value       = local.provider_arn
}

output "deploy_role_arn" {
  description = "Role the deploy and rollback workflows assume (repository variable AWS_DEPLOY_ROLE_ARN)."
  value       = aws_iam_role.deploy.arn
}

output "plan_role_arn" {
  description = "Read-only role the infra workflow's plan job assumes (repository variable AWS_PLAN_ROLE_ARN); null when off."
  value       = one(aws_iam_role.plan[*].arn)
}
