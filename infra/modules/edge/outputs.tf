output "distribution_id" {
  description = "ID of the distribution (cache invalidations name it)."
  value       = aws_cloudfront_distribution.this.id
}

output "domain_name" {
  description = "The distribution's *.cloudfront.net name."
  value       = aws_cloudfront_distribution.this.domain_name
}

output "url" {
  description = "Base URL of the service through CloudFront."
  value       = "https://${length(var.aliases) > 0 ? var.aliases[0] : aws_cloudfront_distribution.this.domain_name}"
}
