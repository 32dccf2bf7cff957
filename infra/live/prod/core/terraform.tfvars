# Production values of the core stack. Set github_repository to your repository before the first apply.
environment = "prod"
region      = "eu-west-1"

az_count          = 2
nat_mode          = "none" # ECR, logs, Secrets Manager, STS and S3 through VPC endpoints; no route out
flow_logs_enabled = true

# HTTPS without a domain of your own: CloudFront's *.cloudfront.net certificate, the ALB reachable only from
# CloudFront. With a domain: set certificate_arn (ALB, this region), cloudfront_origin_domain,
# cloudfront_aliases and cloudfront_certificate_arn (us-east-1).
cloudfront_enabled = true
waf_enabled        = true

alb_deletion_protection = true

github_repository = "your-org/iac-template"
