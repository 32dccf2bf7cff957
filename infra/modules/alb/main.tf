# Internet-facing ALB -> one IP target group (Fargate tasks). Port 80 forwards, or redirects to the HTTPS
# listener when a certificate is given. With cloudfront_only the serving listener answers 403 unless the
# request carries CloudFront's secret origin header.
locals {
  https = var.certificate_arn != null
  # What the serving listener (HTTPS if there is one, else HTTP) does with a request that matches no rule.
  serving_default = var.cloudfront_only ? "fixed-response" : "forward"
  http_default    = local.https ? "redirect" : local.serving_default
}

resource "aws_lb" "this" {
  # checkov:skip=CKV2_AWS_28:the WAF association lives in the waf module (waf_enabled, on in prod); checkov cannot follow it across modules
  name               = var.name
  load_balancer_type = "application"
  internal           = false
  subnets            = var.subnet_ids
  security_groups    = [var.security_group_id]

  drop_invalid_header_fields = true
  desync_mitigation_mode     = "defensive"
  enable_deletion_protection = var.deletion_protection
  idle_timeout               = var.idle_timeout

  dynamic "access_logs" {
    for_each = var.access_logs_bucket == null ? [] : [var.access_logs_bucket]
    content {
      bucket  = access_logs.value
      prefix  = var.access_logs_prefix
      enabled = true
    }
  }

  tags = var.tags
}

resource "aws_lb_target_group" "app" {
  # checkov:skip=CKV_AWS_378:TLS ends at the ALB; ALB-to-task traffic stays inside the VPC, between two security groups
  name                 = "${var.name}-app"
  vpc_id               = var.vpc_id
  target_type          = "ip"
  protocol             = "HTTP"
  port                 = var.app_port
  deregistration_delay = var.deregistration_delay

  health_check {
    enabled             = true
    protocol            = "HTTP"
    port                = "traffic-port"
    path                = var.health_check.path
    interval            = var.health_check.interval
    timeout             = var.health_check.timeout
    healthy_threshold   = var.health_check.healthy_threshold
    unhealthy_threshold = var.health_check.unhealthy_threshold
    matcher             = var.health_check.matcher
  }

  tags = var.tags
}

resource "aws_lb_listener" "http" {
  # checkov:skip=CKV_AWS_2:port 80 redirects to HTTPS whenever certificate_arn is set (tests/integration/infra asserts it); without a certificate (local, or CloudFront in front) it is the only listener
  load_balancer_arn = aws_lb.this.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = local.http_default
    target_group_arn = local.http_default == "forward" ? aws_lb_target_group.app.arn : null

    dynamic "redirect" {
      for_each = local.http_default == "redirect" ? [1] : []
      content {
        protocol    = "HTTPS"
        port        = "443"
        status_code = "HTTP_301"
      }
    }

    dynamic "fixed_response" {
      for_each = local.http_default == "fixed-response" ? [1] : []
      content {
        content_type = "text/plain"
        message_body = "Forbidden"
        status_code  = "403"
      }
    }
  }

  tags = var.tags
}

resource "aws_lb_listener" "https" {
  count = local.https ? 1 : 0

  load_balancer_arn = aws_lb.this.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn

  default_action {
    type             = local.serving_default
    target_group_arn = local.serving_default == "forward" ? aws_lb_target_group.app.arn : null

    dynamic "fixed_response" {
      for_each = local.serving_default == "fixed-response" ? [1] : []
      content {
        content_type = "text/plain"
        message_body = "Forbidden"
        status_code  = "403"
      }
    }
  }

  tags = var.tags
}

# cloudfront_only: forward only what carries the secret header CloudFront adds to every origin request.
resource "aws_lb_listener_rule" "origin_verify" {
  count = var.cloudfront_only ? 1 : 0

  listener_arn = local.https ? aws_lb_listener.https[0].arn : aws_lb_listener.http.arn
  priority     = 1

  condition {
    http_header {
      http_header_name = var.origin_verify_header_name
      values           = [var.origin_verify_header_value]
    }
  }

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }

  tags = var.tags

  lifecycle {
    precondition {
      condition     = var.origin_verify_header_value != null
      error_message = "cloudfront_only needs origin_verify_header_value (the secrets module creates it)."
    }
  }
}
