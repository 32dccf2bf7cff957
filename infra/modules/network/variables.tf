variable "name" {
  description = "Name prefix of every resource (and the Name tag)."
  type        = string
}

variable "cidr_block" {
  description = "IPv4 range of the VPC; public and private subnets are /24s carved out of it (needs /16 to /20)."
  type        = string
  default     = "10.0.0.0/16"

  validation {
    condition     = can(cidrhost(var.cidr_block, 0)) && tonumber(split("/", var.cidr_block)[1]) <= 20
    error_message = "cidr_block must be an IPv4 CIDR of /20 or larger, e.g. 10.0.0.0/16."
  }
}

variable "az_count" {
  description = "Number of availability zones to spread the subnets over (an ALB needs at least 2)."
  type        = number
  default     = 2

  validation {
    condition     = var.az_count >= 2 && var.az_count <= 6
    error_message = "az_count must be between 2 and 6: an ALB needs subnets in at least two zones."
  }
}

variable "nat_mode" {
  description = "Egress to the internet from the private subnets: none (AWS APIs through VPC endpoints only), single (one shared NAT gateway) or per_az (one NAT per zone, survives a zone outage)."
  type        = string
  default     = "single"

  validation {
    condition     = contains(["none", "single", "per_az"], var.nat_mode)
    error_message = "nat_mode must be one of: none, single, per_az."
  }
}

variable "flow_logs_enabled" {
  description = "Record VPC flow logs (all traffic) into a CloudWatch log group."
  type        = bool
  default     = true
}

variable "flow_logs_retention_days" {
  description = "Retention of the flow-log group, in days."
  type        = number
  default     = 365
}

variable "log_kms_key_arn" {
  description = "Customer-managed KMS key for the flow-log group; null keeps CloudWatch Logs' default encryption."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags added to every resource (on top of the provider's default tags)."
  type        = map(string)
  default     = {}
}
