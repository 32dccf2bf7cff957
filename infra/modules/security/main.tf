# Three groups and the only paths between them:
#   clients (or CloudFront) --80/443--> alb --app_port--> service --443--> endpoints / S3 prefix list.
data "aws_ec2_managed_prefix_list" "cloudfront" {
  count = var.cloudfront_only ? 1 : 0

  name = "com.amazonaws.global.cloudfront.origin-facing"
}

locals {
  # One ingress rule per (source, listener port); a source is a client CIDR or CloudFront's prefix list.
  alb_sources = var.cloudfront_only ? [
    { key = "cloudfront", cidr = null, prefix_list = one(data.aws_ec2_managed_prefix_list.cloudfront[*].id) }
  ] : [for cidr in var.ingress_cidrs : { key = cidr, cidr = cidr, prefix_list = null }]
  alb_ingress = {
    for pair in setproduct(local.alb_sources, var.listener_ports) :
    "${pair[0].key}:${pair[1]}" => { cidr = pair[0].cidr, prefix_list = pair[0].prefix_list, port = pair[1] }
  }
}

resource "aws_security_group" "alb" {
  # checkov:skip=CKV2_AWS_5:attached outside this module (ALB, ECS service, VPC endpoints); checkov cannot follow it across modules
  name        = "${var.name}-alb"
  description = "ALB of ${var.name}: listener ports from clients, app port to the service only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-alb" })
}

resource "aws_security_group" "service" {
  # checkov:skip=CKV2_AWS_5:attached outside this module (ALB, ECS service, VPC endpoints); checkov cannot follow it across modules
  name        = "${var.name}-service"
  description = "ECS tasks of ${var.name}: app port from the ALB only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-service" })
}

resource "aws_security_group" "endpoints" {
  # checkov:skip=CKV2_AWS_5:attached outside this module (ALB, ECS service, VPC endpoints); checkov cannot follow it across modules
  name        = "${var.name}-endpoints"
  description = "Interface VPC endpoints of ${var.name}: HTTPS from the tasks only"
  vpc_id      = var.vpc_id

  tags = merge(var.tags, { Name = "${var.name}-endpoints" })
}

resource "aws_vpc_security_group_ingress_rule" "alb_listeners" {
  for_each = local.alb_ingress

  security_group_id = aws_security_group.alb.id
  description       = "Clients to listener port ${each.value.port}"
  ip_protocol       = "tcp"
  from_port         = each.value.port
  to_port           = each.value.port
  cidr_ipv4         = each.value.cidr
  prefix_list_id    = each.value.prefix_list

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "alb_to_service" {
  security_group_id            = aws_security_group.alb.id
  description                  = "Forward to the tasks on the app port"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.service.id

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "service_from_alb" {
  security_group_id            = aws_security_group.service.id
  description                  = "App port from the ALB only"
  ip_protocol                  = "tcp"
  from_port                    = var.app_port
  to_port                      = var.app_port
  referenced_security_group_id = aws_security_group.alb.id

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "service_to_endpoints" {
  security_group_id            = aws_security_group.service.id
  description                  = "AWS APIs (ECR, logs, Secrets Manager, STS) through the interface endpoints"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.endpoints.id

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "service_to_s3" {
  security_group_id = aws_security_group.service.id
  description       = "S3 (model bucket, ECR image layers) through the gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = var.s3_prefix_list_id

  tags = var.tags
}

resource "aws_vpc_security_group_egress_rule" "service_extra" {
  for_each = toset(var.service_egress_cidrs)

  security_group_id = aws_security_group.service.id
  description       = "HTTPS to ${each.value} (service_egress_cidrs)"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = each.value

  tags = var.tags
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_service" {
  security_group_id            = aws_security_group.endpoints.id
  description                  = "HTTPS from the tasks"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.service.id

  tags = var.tags
}
