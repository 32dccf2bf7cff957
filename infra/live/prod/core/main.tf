# Core: everything the service runs on and that changes rarely: network, security groups, ALB, WAF,
# CloudFront, the ECS cluster, ECR, model bucket, API-key secret, GitHub OIDC roles. The workload stack
# reads its outputs.
data "aws_caller_identity" "current" {}

locals {
  account      = data.aws_caller_identity.current.account_id
  state_bucket = coalesce(var.state_bucket, "${var.name}-tfstate-${local.account}")
  state_keys   = { core = "core/terraform.tfstate", workload = "workload/terraform.tfstate" }

  # Names of the workload stack's resources, fixed here so the deploy role can be limited to them before
  # they exist. The workload stack takes them from this stack's outputs.
  workload_names = {
    cluster        = var.name
    service        = "${var.name}-api"
    family         = "${var.name}-api"
    log_group      = "/ecs/${var.name}"
    task_role      = "${var.name}-task"
    execution_role = "${var.name}-execution"
  }
}

module "network" {
  source = "../../../modules/network"

  name                     = var.name
  cidr_block               = var.vpc_cidr
  az_count                 = var.az_count
  nat_mode                 = var.nat_mode
  flow_logs_enabled        = var.flow_logs_enabled
  flow_logs_retention_days = var.log_retention_days
}

module "security" {
  source = "../../../modules/security"

  name              = var.name
  vpc_id            = module.network.vpc_id
  app_port          = var.app_port
  cloudfront_only   = var.cloudfront_enabled
  s3_prefix_list_id = module.vpc_endpoints.s3_prefix_list_id
}

module "vpc_endpoints" {
  source = "../../../modules/vpc_endpoints"

  name               = var.name
  vpc_id             = module.network.vpc_id
  route_table_ids    = module.network.private_route_table_ids
  subnet_ids         = module.network.private_subnet_ids
  security_group_id  = module.security.endpoints_security_group_id
  interface_services = var.interface_endpoints
}

module "secrets" {
  source = "../../../modules/secrets"

  name                  = var.name
  api_key_version       = var.api_key_version
  origin_verify_enabled = var.cloudfront_enabled
  recovery_window_days  = var.secret_recovery_window_days
}

module "alb" {
  source = "../../../modules/alb"

  name                       = var.name
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.public_subnet_ids
  security_group_id          = module.security.alb_security_group_id
  app_port                   = var.app_port
  health_check               = var.health_check
  deregistration_delay       = var.deregistration_delay
  certificate_arn            = var.certificate_arn
  cloudfront_only            = var.cloudfront_enabled
  origin_verify_header_value = module.secrets.origin_verify_value
  deletion_protection        = var.alb_deletion_protection
  access_logs_bucket         = var.alb_access_logs_bucket
}

module "waf" {
  source = "../../../modules/waf"
  count  = var.waf_enabled ? 1 : 0

  name               = var.name
  alb_arn            = module.alb.alb_arn
  rate_limit         = var.waf_rate_limit
  log_retention_days = var.log_retention_days
}

module "edge" {
  source = "../../../modules/edge"
  count  = var.cloudfront_enabled ? 1 : 0

  name                       = var.name
  origin_domain_name         = coalesce(var.cloudfront_origin_domain, module.alb.alb_dns_name)
  origin_protocol_policy     = var.cloudfront_origin_domain == null ? "http-only" : "https-only"
  origin_verify_header_value = module.secrets.origin_verify_value
  aliases                    = var.cloudfront_aliases
  acm_certificate_arn        = var.cloudfront_certificate_arn
}

module "ecs_cluster" {
  source = "../../../modules/ecs_cluster"

  name               = local.workload_names.cluster
  container_insights = var.container_insights
}

module "ecr" {
  source = "../../../modules/ecr"

  name               = var.name
  keep_tagged_images = var.ecr_keep_images
  force_delete       = var.ecr_force_delete
}

module "models" {
  source = "../../../modules/storage"

  bucket_name             = "${var.name}-models-${local.account}-${var.region}"
  noncurrent_version_days = var.model_noncurrent_days
  force_destroy           = var.model_bucket_force_destroy
}

module "github_oidc" {
  source = "../../../modules/github_oidc"
  count  = var.github_repository == null ? 0 : 1

  name                      = var.name
  repository                = var.github_repository
  deploy_environment        = var.github_deploy_environment
  create_provider           = var.github_create_oidc_provider
  existing_provider_arn     = var.github_oidc_provider_arn
  ecr_repository_arn        = module.ecr.repository_arn
  state_bucket              = local.state_bucket
  core_state_key            = local.state_keys.core
  workload_state_key        = local.state_keys.workload
  workload                  = local.workload_names
  plan_readable_secret_arns = module.secrets.origin_verify_secret_arn == null ? [] : [module.secrets.origin_verify_secret_arn]
}
