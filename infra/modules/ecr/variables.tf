variable "name" {
  description = "Name of the repository."
  type        = string
}

variable "keep_tagged_images" {
  description = "How many tagged images to keep; older ones expire (keep enough to roll back to)."
  type        = number
  default     = 30
}

variable "untagged_expiry_days" {
  description = "Days after which untagged images (failed or superseded pushes) expire."
  type        = number
  default     = 7
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key for the images; null uses the AWS-managed ECR key (still KMS)."
  type        = string
  default     = null
}

variable "force_delete" {
  description = "Let destroy delete the repository with its images (for throw-away environments)."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
