variable "name" {
  description = "Name prefix of the roles (<name>-deploy, <name>-plan)."
  type        = string
}

variable "repository" {
  description = "GitHub repository allowed to assume the roles, as owner/name."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.repository))
    error_message = "repository must look like owner/name."
  }
}

variable "deploy_environment" {
  description = "GitHub environment whose jobs may assume the deploy role. Give it a deployment-branch rule for main (and reviewers) in the repository settings: the token's subject then proves both."
  type        = string
  default     = "production"
}

variable "create_provider" {
  description = "Create the account's GitHub OIDC identity provider; false reuses the one at existing_provider_arn (an account holds one per URL)."
  type        = bool
  default     = true
}

variable "existing_provider_arn" {
  description = "ARN of an existing token.actions.githubusercontent.com provider (create_provider = false)."
  type        = string
  default     = null
}

variable "thumbprints" {
  description = "Certificate thumbprints of GitHub's OIDC endpoint (AWS no longer checks them for GitHub; kept for APIs that still require the field)."
  type        = list(string)
  default     = ["6938fd4d98bab03faadb97b34396831e3780aea1", "1c58a3a8518e8759bf075b76b750d4f2df264fcd"]
}

variable "ecr_repository_arn" {
  description = "Repository the deploy role pushes images to."
  type        = string
}

variable "state_bucket" {
  description = "Bucket holding the Terraform state."
  type        = string
}

variable "workload_state_key" {
  description = "State key of the workload stack (the deploy role reads and writes it and its lock file)."
  type        = string
}

variable "core_state_key" {
  description = "State key of the core stack (the deploy role reads it through terraform_remote_state)."
  type        = string
}

variable "workload" {
  description = "Names of the workload stack's resources the deploy role may change or must read: ECS cluster, service, task family, log group, task and execution roles."
  type = object({
    cluster        = string
    service        = string
    family         = string
    log_group      = string
    task_role      = string
    execution_role = string
  })
}

variable "plan_role_enabled" {
  description = "Also create a read-only role that pull-request jobs assume to run terraform plan."
  type        = bool
  default     = true
}

variable "plan_readable_secret_arns" {
  description = "Secrets whose values a plan reads back (the origin header value of cloudfront_only)."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
