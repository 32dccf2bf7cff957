output "bucket_name" {
  description = "Name of the bucket."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the bucket (object ARNs are <arn>/<key>)."
  value       = aws_s3_bucket.this.arn
}
