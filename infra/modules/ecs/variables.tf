variable "names" {
  description = "Names of the cluster, service, task family, log group, task role and execution role (the core stack fixes them so its deploy role can name them before they exist)."
  type = object({
    cluster        = string
    service        = string
    family         = string
    log_group      = string
    task_role      = string
    execution_role = string
  })
}

variable "cluster_arn" {
  description = "ARN of the ECS cluster the service runs in (its name is names.cluster)."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the container log group, in days."
  type        = number
  default     = 365
}

variable "log_kms_key_arn" {
  description = "Customer-managed KMS key for the container log group; null keeps CloudWatch Logs' default encryption."
  type        = string
  default     = null
}

variable "log_stream_prefix" {
  description = "awslogs stream prefix: each task logs to <prefix>/<container>/<task id>."
  type        = string
  default     = "app"
}

variable "repository_url" {
  description = "ECR repository URL of the image."
  type        = string
}

variable "repository_arn" {
  description = "ECR repository ARN (the execution role may pull from it only)."
  type        = string
}

variable "image_tag" {
  description = "Image tag to run: the deploy input (CI passes the commit SHA; the previous tag rolls back). Tags are immutable, so 'latest' is refused."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag)) && var.image_tag != "latest"
    error_message = "image_tag must be a valid Docker tag (letters, digits, _ . -; at most 128) and not 'latest'."
  }
}

variable "cpu" {
  description = "Task CPU units (1024 = 1 vCPU); a valid Fargate size together with memory."
  type        = number
  default     = 1024
}

variable "memory" {
  description = "Task memory in MiB."
  type        = number
  default     = 2048
}

variable "cpu_architecture" {
  description = "X86_64 or ARM64; must match the image."
  type        = string
  default     = "X86_64"
}

variable "container_name" {
  description = "Name of the app container (the load balancer block names it)."
  type        = string
  default     = "app"
}

variable "container_port" {
  description = "Port the app listens on inside the task."
  type        = number
  default     = 8000
}

variable "container_user" {
  description = "uid[:gid] the container runs as; never root. Must own nothing it writes outside /tmp (the root filesystem is read-only)."
  type        = string
  default     = "10001:10001"

  validation {
    condition     = !contains(["0", "root"], split(":", var.container_user)[0])
    error_message = "container_user must not be root."
  }
}

variable "command" {
  description = "Container command; null keeps the image's."
  type        = list(string)
  default     = null
}

variable "environment" {
  description = "Environment variables of the app container (plain values; secrets go in var.secrets)."
  type        = map(string)
  default     = {}
}

variable "secrets" {
  description = "Environment variables whose values ECS reads from Secrets Manager at task start: name => secret ARN. The execution role may read exactly these."
  type        = map(string)
  default     = {}
}

variable "secrets_kms_key_arn" {
  description = "Customer-managed KMS key of the secrets (the execution role may decrypt with it); null for the AWS-managed key."
  type        = string
  default     = null
}

variable "health_check" {
  description = "Container health check: command (exec form) and its timing, as ECS defines them."
  type = object({
    command      = optional(list(string))
    interval     = optional(number, 15)
    timeout      = optional(number, 5)
    retries      = optional(number, 3)
    start_period = optional(number, 30)
  })
  default = {}
}

variable "stop_timeout" {
  description = "Seconds between SIGTERM and SIGKILL when a task stops (lets in-flight requests finish)."
  type        = number
  default     = 30
}

variable "subnet_ids" {
  description = "Private subnets of the tasks."
  type        = list(string)
}

variable "security_group_ids" {
  description = "Security groups of the tasks."
  type        = list(string)
}

variable "target_group_arn" {
  description = "Target group the service registers its tasks in."
  type        = string
}

variable "desired_count" {
  description = "Tasks to run at creation; autoscaling owns the count afterwards (within its min and max)."
  type        = number
  default     = 2
}

variable "health_check_grace_period" {
  description = "Seconds after a task starts during which failing load-balancer health checks do not stop it."
  type        = number
  default     = 60
}

variable "wait_for_steady_state" {
  description = "Make terraform apply wait until the service is stable (the deploy script waits itself by default)."
  type        = bool
  default     = false
}

variable "autoscaling" {
  description = "Target-tracking autoscaling on average CPU and on ALB requests per target (null requests_per_target: CPU only). enabled = false: a fixed desired_count."
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

variable "alb_arn_suffix" {
  description = "ARN suffix of the ALB (request-count scaling)."
  type        = string
}

variable "target_group_arn_suffix" {
  description = "ARN suffix of the target group (request-count scaling)."
  type        = string
}

variable "model_bucket_arn" {
  description = "ARN of the model bucket; the task role may read, write and list it (under model_prefix) and nothing else."
  type        = string
}

variable "model_prefix" {
  description = "Key prefix inside the model bucket the app may use (\"\" = the whole bucket; otherwise ends with /)."
  type        = string
  default     = ""

  validation {
    condition     = var.model_prefix == "" || endswith(var.model_prefix, "/")
    error_message = "model_prefix must be empty or end with /."
  }
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
