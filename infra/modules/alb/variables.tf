variable "name" {
  description = "Name of the ALB and prefix of its target group (at most 28 characters: AWS caps both at 32)."
  type        = string

  validation {
    condition     = length(var.name) <= 28
    error_message = "name must be at most 28 characters (ALB and target group names are capped at 32)."
  }
}

variable "vpc_id" {
  description = "VPC of the target group."
  type        = string
}

variable "subnet_ids" {
  description = "Public subnets the ALB is placed in (at least two zones)."
  type        = list(string)
}

variable "security_group_id" {
  description = "Security group of the ALB (see the security module)."
  type        = string
}

variable "app_port" {
  description = "Port the targets (tasks) listen on."
  type        = number
  default     = 8000
}

variable "health_check" {
  description = "Target group health check: path, seconds between checks, timeout, consecutive successes to turn healthy, failures to turn unhealthy, and the HTTP codes that count as healthy."
  type = object({
    path                = optional(string, "/health/live")
    interval            = optional(number, 15)
    timeout             = optional(number, 5)
    healthy_threshold   = optional(number, 2)
    unhealthy_threshold = optional(number, 3)
    matcher             = optional(string, "200")
  })
  default = {}

  validation {
    condition     = var.health_check.timeout < var.health_check.interval
    error_message = "health_check.timeout must be shorter than health_check.interval."
  }
}

variable "deregistration_delay" {
  description = "Seconds a draining target keeps finishing its requests before it is removed."
  type        = number
  default     = 30
}

variable "certificate_arn" {
  description = "ACM certificate for an HTTPS listener on 443; port 80 then redirects to HTTPS. Null: HTTP only (local, or before a domain exists)."
  type        = string
  default     = null
}

variable "ssl_policy" {
  description = "TLS policy of the HTTPS listener (TLS 1.2 and 1.3 only by default)."
  type        = string
  default     = "ELBSecurityPolicy-TLS13-1-2-2021-06"
}

variable "cloudfront_only" {
  description = "Forward only requests carrying the secret origin header CloudFront adds; everything else gets 403."
  type        = bool
  default     = false
}

variable "origin_verify_header_name" {
  description = "Name of the secret header CloudFront adds (cloudfront_only)."
  type        = string
  default     = "X-Origin-Verify"
}

variable "origin_verify_header_value" {
  description = "Value of the secret origin header (cloudfront_only); see the secrets module."
  type        = string
  default     = null
  sensitive   = true
}

variable "deletion_protection" {
  description = "Refuse to delete the ALB until this is turned off."
  type        = bool
  default     = true
}

variable "access_logs_bucket" {
  description = "S3 bucket for ALB access logs (its policy must admit the ELB log delivery); null: no access logs."
  type        = string
  default     = null
}

variable "access_logs_prefix" {
  description = "Key prefix of the access logs in access_logs_bucket."
  type        = string
  default     = "alb"
}

variable "idle_timeout" {
  description = "Seconds an idle client connection stays open (long predictions need more than the 60 default)."
  type        = number
  default     = 60
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
