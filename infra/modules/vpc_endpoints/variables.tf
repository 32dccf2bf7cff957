variable "name" {
  description = "Name prefix of the endpoints (Name tag)."
  type        = string
}

variable "vpc_id" {
  description = "VPC the endpoints serve."
  type        = string
}

variable "route_table_ids" {
  description = "Route tables (the private subnets') that get the S3 gateway endpoint's route."
  type        = list(string)
}

variable "subnet_ids" {
  description = "Private subnets the interface endpoints put their network interfaces in."
  type        = list(string)
}

variable "security_group_id" {
  description = "Security group of the interface endpoints (admits HTTPS from the tasks)."
  type        = string
}

variable "interface_services" {
  description = "AWS services reached through interface endpoints with private DNS: what a Fargate task needs to start (ECR, logs, Secrets Manager) and STS for the SDK. Each costs money per zone and hour; an empty list leaves the tasks to NAT."
  type        = list(string)
  default     = ["ecr.api", "ecr.dkr", "logs", "secretsmanager", "sts"]
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
