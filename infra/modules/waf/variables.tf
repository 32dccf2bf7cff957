variable "name" {
  description = "Name of the web ACL."
  type        = string
}

variable "alb_arn" {
  description = "ALB the web ACL protects."
  type        = string
}

variable "rate_limit" {
  description = "Requests one client IP may send in any 5-minute window before it is blocked."
  type        = number
  default     = 2000

  validation {
    condition     = var.rate_limit >= 10
    error_message = "rate_limit must be at least 10 (the WAF minimum)."
  }
}

variable "common_rules_count_only" {
  description = "Rules of the AWS common rule set that only count instead of block. SizeRestrictions_BODY would block every body over 8 KB: CSV uploads and batch predictions."
  type        = list(string)
  default     = ["SizeRestrictions_BODY"]
}

variable "log_retention_days" {
  description = "Retention of the WAF log group, in days."
  type        = number
  default     = 365
}

variable "log_kms_key_arn" {
  description = "Customer-managed KMS key for the WAF log group; null keeps CloudWatch Logs' default encryption."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
