variable "name" {
  description = "Name prefix of the secrets (<name>/api-key, <name>/origin-verify)."
  type        = string
}

variable "api_key_version" {
  description = "Bump to rotate the API key: Terraform writes a new random value (write-only; never in state or plan)."
  type        = number
  default     = 1
}

variable "origin_verify_enabled" {
  description = "Create the secret origin header value CloudFront sends and the ALB requires (cloudfront_only)."
  type        = bool
  default     = false
}

variable "origin_verify_version" {
  description = "Bump to rotate the origin header value (CloudFront and the ALB rule follow on the same apply)."
  type        = number
  default     = 1
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the secrets; null uses the AWS-managed Secrets Manager key."
  type        = string
  default     = null
}

variable "recovery_window_days" {
  description = "Days a deleted secret can be restored (0 deletes at once, so a throw-away environment can be recreated under the same names)."
  type        = number
  default     = 30
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
