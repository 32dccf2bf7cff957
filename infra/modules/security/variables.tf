variable "name" {
  description = "Name prefix of the security groups."
  type        = string
}

variable "vpc_id" {
  description = "VPC the groups belong to."
  type        = string
}

variable "app_port" {
  description = "Port the service's containers listen on."
  type        = number
  default     = 8000
}

variable "listener_ports" {
  description = "Ports the ALB accepts from clients (80 for HTTP and the HTTPS redirect, 443 for HTTPS)."
  type        = list(number)
  default     = [80, 443]
}

variable "ingress_cidrs" {
  description = "Client ranges the ALB admits when cloudfront_only is false."
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "cloudfront_only" {
  description = "Admit only CloudFront's origin-facing addresses (AWS managed prefix list) to the ALB instead of ingress_cidrs."
  type        = bool
  default     = false
}

variable "s3_prefix_list_id" {
  description = "Prefix list of S3 in this region (the vpc_endpoints module's output): tasks reach S3 (model bucket, ECR image layers) through the gateway endpoint."
  type        = string
}

variable "service_egress_cidrs" {
  description = "Extra ranges the tasks may reach on 443 (through NAT), e.g. an external API. Empty: AWS APIs only, through the endpoints."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Tags added to every resource."
  type        = map(string)
  default     = {}
}
