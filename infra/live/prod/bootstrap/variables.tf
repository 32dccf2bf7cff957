variable "name" {
  description = "Name of the deployment (the core and workload stacks' var.name)."
  type        = string
  default     = "iac-template"
}

variable "region" {
  description = "Region of the state bucket."
  type        = string
  default     = "eu-west-1"
}
