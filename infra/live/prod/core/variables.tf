# Inputs of the core stack. prod and local share this file; their terraform.tfvars differ.

variable "name" {
  description = "Name of the deployment; prefixes every resource (at most 20 characters, lowercase)."
  type        = string
  default     = "iac-template"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,19}$", var.name))
    error_message = "name must be 2-20 characters: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "environment" {
  description = "Environment label (tags only)."
  type        = string
}

variable "region" {
  description = "AWS region of the stack."
  type        = string
}

variable "state_bucket" {
  description = "Bucket of the Terraform state (the deploy roles are allowed exactly its workload and core keys); null: the bootstrap stack's name, <name>-tfstate-<account id>."
  type        = string
  default     = null
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}

# --- network ---------------------------------------------------------------------------------------------

variable "vpc_cidr" {
  description = "IPv4 range of the VPC."
  type        = string
  default     = "10.0.0.0/16"
}

variable "az_count" {
  description = "Availability zones to spread subnets over (>= 2)."
  type        = number
  default     = 2
}

variable "nat_mode" {
  description = "Internet egress of the private subnets: none (AWS APIs through endpoints only), single or per_az NAT."
  type        = string
  default     = "none"
}

variable "flow_logs_enabled" {
  description = "VPC flow logs into CloudWatch."
  type        = bool
  default     = true
}

variable "interface_endpoints" {
  description = "Services reached through interface VPC endpoints (the S3 gateway endpoint is always there)."
  type        = list(string)
  default     = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "sts"]
}

variable "log_retention_days" {
  description = "Retention of the stack's log groups (flow logs, WAF), in days."
  type        = number
  default     = 365
}

# --- load balancer and edge ------------------------------------------------------------------------------

variable "app_port" {
  description = "Port the app listens on in its container."
  type        = number
  default     = 8000
}

variable "health_check" {
  description = "Target group health check (see the alb module): path, interval, timeout, thresholds, matcher."
  type = object({
    path                = optional(string, "/health/live")
    interval            = optional(number, 15)
    timeout             = optional(number, 5)
    healthy_threshold   = optional(number, 2)
    unhealthy_threshold = optional(number, 3)
    matcher             = optional(string, "200")
  })
  default = {}
}

variable "deregistration_delay" {
  description = "Seconds a draining task keeps finishing requests."
  type        = number
  default     = 30
}

variable "certificate_arn" {
  description = "ACM certificate of the ALB: adds the HTTPS listener and turns port 80 into a redirect. Null: HTTP only."
  type        = string
  default     = null
}

variable "alb_deletion_protection" {
  description = "Refuse to delete the ALB."
  type        = bool
  default     = true
}

variable "alb_access_logs_bucket" {
  description = "Bucket for ALB access logs (must admit ELB log delivery); null: off."
  type        = string
  default     = null
}

variable "waf_enabled" {
  description = "WAF web ACL on the ALB (rate limit, AWS common rules, known bad inputs)."
  type        = bool
  default     = true
}

variable "waf_rate_limit" {
  description = "Requests per client IP per 5 minutes before the WAF blocks it."
  type        = number
  default     = 2000
}

variable "cloudfront_enabled" {
  description = "CloudFront in front of the ALB; the ALB then admits only CloudFront (prefix list + secret header)."
  type        = bool
  default     = false
}

variable "cloudfront_aliases" {
  description = "Custom domains of the distribution (need cloudfront_certificate_arn)."
  type        = list(string)
  default     = []
}

variable "cloudfront_certificate_arn" {
  description = "ACM certificate (us-east-1) for cloudfront_aliases; null: the *.cloudfront.net name."
  type        = string
  default     = null
}

variable "cloudfront_origin_domain" {
  description = "Domain CloudFront uses to reach the ALB over HTTPS (covered by certificate_arn); null: the ALB's DNS name over HTTP."
  type        = string
  default     = null
}

# --- images, models, secrets -----------------------------------------------------------------------------

variable "container_insights" {
  description = "Container Insights on the ECS cluster: enabled, enhanced or disabled."
  type        = string
  default     = "enabled"
}

variable "ecr_keep_images" {
  description = "Tagged images kept in ECR (rollback depth)."
  type        = number
  default     = 30
}

variable "ecr_force_delete" {
  description = "Let destroy delete the image repository with its images."
  type        = bool
  default     = false
}

variable "model_bucket_force_destroy" {
  description = "Let destroy delete the model bucket with every model in it."
  type        = bool
  default     = false
}

variable "model_noncurrent_days" {
  description = "Days an overwritten model-bucket object version is kept."
  type        = number
  default     = 90
}

variable "secret_recovery_window_days" {
  description = "Days a deleted secret can be restored (0: deleted at once)."
  type        = number
  default     = 30
}

variable "api_key_version" {
  description = "Bump to rotate the API key (a new random value is written; tasks pick it up when they restart)."
  type        = number
  default     = 1
}

# --- GitHub Actions --------------------------------------------------------------------------------------

variable "github_repository" {
  description = "owner/name of the GitHub repository that deploys; null: no OIDC provider or roles."
  type        = string
  default     = null
}

variable "github_deploy_environment" {
  description = "GitHub environment whose jobs may assume the deploy role."
  type        = string
  default     = "production"
}

variable "github_create_oidc_provider" {
  description = "Create the account's GitHub OIDC provider (false: reuse github_oidc_provider_arn)."
  type        = bool
  default     = true
}

variable "github_oidc_provider_arn" {
  description = "Existing GitHub OIDC provider (github_create_oidc_provider = false)."
  type        = string
  default     = null
}
