output "api_key_secret_arn" {
  description = "ARN of the API-key secret (the task definition's secrets and the execution role name it)."
  value       = aws_secretsmanager_secret.api_key.arn
}

output "api_key_secret_name" {
  description = "Name of the API-key secret (read it with: aws secretsmanager get-secret-value --secret-id <name>)."
  value       = aws_secretsmanager_secret.api_key.name
}

output "origin_verify_value" {
  description = "Secret origin header value (null unless origin_verify_enabled)."
  value       = one(data.aws_secretsmanager_secret_version.origin_verify[*].secret_string)
  sensitive   = true
}

output "origin_verify_secret_arn" {
  description = "ARN of the origin header secret (null unless origin_verify_enabled)."
  value       = one(aws_secretsmanager_secret.origin_verify[*].arn)
}
