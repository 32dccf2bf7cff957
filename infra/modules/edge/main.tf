# CloudFront in front of the ALB: HTTPS for viewers, nothing cached (an API), AWS's security response
# headers, and a secret header on every origin request so the ALB can refuse anything that skipped CloudFront.
locals {
  # AWS managed policies; their IDs are the same in every account.
  caching_disabled_policy_id       = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  all_viewer_except_host_policy    = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
  security_headers_response_policy = "67f7725c-6f97-4210-82d7-5512b31e9d03"
  origin_id                        = "alb"
}

resource "aws_cloudfront_distribution" "this" {
  # checkov:skip=CKV_AWS_305:an API, not a website: there is no index document to serve at /
  # checkov:skip=CKV_AWS_310:one origin (the ALB); there is no second region to fail over to
  # checkov:skip=CKV_AWS_374:a public API served to every country; add a geo_restriction if yours is not
  # checkov:skip=CKV2_AWS_32:the AWS managed SecurityHeadersPolicy is attached by ID (response_headers_policy_id)
  # checkov:skip=CKV2_AWS_47:a CLOUDFRONT-scope web ACL is optional (web_acl_id); the regional WAF with the known-bad-inputs (Log4j) rules guards the ALB behind it
  enabled         = true
  is_ipv6_enabled = true
  comment         = "${var.name} API"
  aliases         = var.aliases
  price_class     = var.price_class
  web_acl_id      = var.web_acl_id
  http_version    = "http2and3"

  origin {
    origin_id   = local.origin_id
    domain_name = var.origin_domain_name

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = var.origin_protocol_policy
      origin_ssl_protocols   = ["TLSv1.2"]
    }

    custom_header {
      name  = var.origin_verify_header_name
      value = var.origin_verify_header_value
    }
  }

  default_cache_behavior {
    target_origin_id           = local.origin_id
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = local.caching_disabled_policy_id
    origin_request_policy_id   = local.all_viewer_except_host_policy
    response_headers_policy_id = local.security_headers_response_policy
  }

  dynamic "logging_config" {
    for_each = var.logging_bucket_domain_name == null ? [] : [var.logging_bucket_domain_name]
    content {
      bucket          = logging_config.value
      prefix          = "cloudfront/"
      include_cookies = false
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = var.acm_certificate_arn == null
    acm_certificate_arn            = var.acm_certificate_arn
    ssl_support_method             = var.acm_certificate_arn == null ? null : "sni-only"
    minimum_protocol_version       = var.acm_certificate_arn == null ? "TLSv1" : "TLSv1.2_2021"
  }

  tags = var.tags
}
