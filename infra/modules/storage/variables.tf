variable "bucket_name" {
  description = "Globally unique name of the bucket."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for objects; null uses the AWS-managed S3 key (SSE-KMS either way)."
  type        = string
  default     = null
}

variable "noncurrent_version_days" {
  description = "Days an overwritten or deleted object version is kept before it expires."
  type        = number
  default     = 90
}

variable "noncurrent_versions_kept" {
  description = "Newest overwritten versions kept regardless of age (so recent history always survives)."
  type        = number
  default     = 5
}

variable "access_logs_bucket" {
  description = "Bucket that receives S3 server access logs of this bucket; null: no access logs."
  type        = string
  default     = null
}

variable "force_destroy" {
  description = "Let destroy delete the bucket with every object version in it (for throw-away environments)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
