# Inputs of the workload stack. prod and local share this file; their terraform.tfvars differ.

variable "image_tag" {
  description = "Image tag to run: the deploy input. CI applies with the commit SHA; applying the previous tag is the rollback."
  type        = string
}

variable "environment" {
  description = "Environment label (tags only)."
  type        = string
}

variable "region" {
  description = "AWS region (the core stack's)."
  type        = string
}

variable "state_bucket" {
  description = "Bucket of the Terraform state, where the core stack's outputs are read; null: <name>-tfstate-<account id>, the bootstrap stack's."
  type        = string
  default     = null
}

variable "state_use_path_style" {
  description = "Address the state bucket path-style (emulators without wildcard DNS)."
  type        = bool
  default     = false
}

variable "name" {
  description = "Name of the deployment (only used to derive the default state bucket; must match core's)."
  type        = string
  default     = "iac-template"
}

variable "tags" {
  description = "Extra tags on every resource."
  type        = map(string)
  default     = {}
}

variable "cpu" {
  description = "Task CPU units (1024 = 1 vCPU)."
  type        = number
  default     = 1024
}

variable "memory" {
  description = "Task memory, MiB."
  type        = number
  default     = 2048
}

variable "desired_count" {
  description = "Tasks at creation (autoscaling owns the count afterwards)."
  type        = number
  default     = 2
}

variable "health_check_grace_period" {
  description = "Seconds after a task starts before failing ALB health checks count."
  type        = number
  default     = 60
}

variable "container_health_check" {
  description = "Timing of the container health check (the command probes /health/live)."
  type = object({
    interval     = optional(number, 15)
    timeout      = optional(number, 5)
    retries      = optional(number, 3)
    start_period = optional(number, 30)
  })
  default = {}
}

variable "stop_timeout" {
  description = "Seconds between SIGTERM and SIGKILL when a task stops."
  type        = number
  default     = 30
}

variable "autoscaling" {
  description = "Target-tracking autoscaling (see the ecs module): enabled, min/max capacity, CPU target, requests per target."
  type = object({
    enabled             = optional(bool, true)
    min_capacity        = optional(number, 2)
    max_capacity        = optional(number, 6)
    cpu_target          = optional(number, 60)
    requests_per_target = optional(number, 500)
    scale_in_cooldown   = optional(number, 300)
    scale_out_cooldown  = optional(number, 60)
  })
  default = {}
}

variable "log_retention_days" {
  description = "Retention of the container logs, in days."
  type        = number
  default     = 365
}

variable "model_prefix" {
  description = "Key prefix of the app inside the model bucket (\"\" or ending with /); the task role is limited to it."
  type        = string
  default     = ""
}

variable "app_environment" {
  description = "App settings (app/README.md) for this environment, e.g. LOG_LEVEL, POLL_INTERVAL_S."
  type        = map(string)
  default     = {}
}

variable "extra_environment" {
  description = "Environment variables merged last into the container environment (wins over everything), for one-off deploys and tests."
  type        = map(string)
  default     = {}
}

variable "wait_for_steady_state" {
  description = "Make apply wait for the service to be stable."
  type        = bool
  default     = false
}
