variable "name" {
  description = "Name used in the distribution's comment and tags."
  type        = string
}

variable "origin_domain_name" {
  description = "Domain CloudFront sends requests to: the ALB's DNS name, or the domain of the ALB's certificate when origin_protocol_policy is https-only."
  type        = string
}

variable "origin_protocol_policy" {
  description = "How CloudFront reaches the ALB: http-only (no certificate on the ALB) or https-only (the ALB has a certificate for origin_domain_name)."
  type        = string
  default     = "http-only"

  validation {
    condition     = contains(["http-only", "https-only"], var.origin_protocol_policy)
    error_message = "origin_protocol_policy must be http-only or https-only."
  }
}

variable "origin_verify_header_name" {
  description = "Name of the secret header added to every origin request (the ALB requires it)."
  type        = string
  default     = "X-Origin-Verify"
}

variable "origin_verify_header_value" {
  description = "Value of the secret origin header (see the secrets module)."
  type        = string
  sensitive   = true
}

variable "aliases" {
  description = "Custom domain names of the distribution (need acm_certificate_arn)."
  type        = list(string)
  default     = []
}

variable "acm_certificate_arn" {
  description = "ACM certificate in us-east-1 for the aliases; null serves on the *.cloudfront.net name and certificate."
  type        = string
  default     = null
}

variable "web_acl_id" {
  description = "ARN of a CLOUDFRONT-scope WAF web ACL (us-east-1) for the distribution; null: none (the regional one on the ALB still applies)."
  type        = string
  default     = null
}

variable "price_class" {
  description = "Edge locations used (PriceClass_100: North America and Europe)."
  type        = string
  default     = "PriceClass_100"
}

variable "logging_bucket_domain_name" {
  description = "Bucket domain (<bucket>.s3.amazonaws.com, ACLs enabled) for standard access logs; null: no logs."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
