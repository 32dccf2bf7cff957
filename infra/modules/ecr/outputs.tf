output "repository_name" {
  description = "Name of the repository."
  value       = aws_ecr_repository.this.name
}

output "repository_arn" {
  description = "ARN of the repository (pull and push permissions name it)."
  value       = aws_ecr_repository.this.arn
}

output "repository_url" {
  description = "Registry URL of the repository; an image is <url>:<tag>."
  value       = aws_ecr_repository.this.repository_url
}
