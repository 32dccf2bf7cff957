# Validation harness: calls every module once with placeholder inputs so one `terraform validate` checks
# them all (infra/scripts/validate.sh). Never applied; it has no backend and no provider configuration.
# Every optional feature is switched on here so its code paths are validated too.
terraform {
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 6.0"
    }
  }
}

locals {
  names = {
    cluster        = "harness"
    service        = "harness-api"
    family         = "harness-api"
    log_group      = "/ecs/harness"
    task_role      = "harness-task"
    execution_role = "harness-execution"
  }
}

module "network" {
  source = "../modules/network"

  name     = "harness"
  nat_mode = "per_az"
}

module "security" {
  source = "../modules/security"

  name              = "harness"
  vpc_id            = module.network.vpc_id
  cloudfront_only   = true
  s3_prefix_list_id = module.vpc_endpoints.s3_prefix_list_id
}

module "vpc_endpoints" {
  source = "../modules/vpc_endpoints"

  name              = "harness"
  vpc_id            = module.network.vpc_id
  route_table_ids   = module.network.private_route_table_ids
  subnet_ids        = module.network.private_subnet_ids
  security_group_id = module.security.endpoints_security_group_id
}

module "secrets" {
  source = "../modules/secrets"

  name                  = "harness"
  origin_verify_enabled = true
}

module "alb" {
  source = "../modules/alb"

  name                       = "harness"
  vpc_id                     = module.network.vpc_id
  subnet_ids                 = module.network.public_subnet_ids
  security_group_id          = module.security.alb_security_group_id
  certificate_arn            = "arn:aws:acm:us-east-1:123456789012:certificate/placeholder"
  cloudfront_only            = true
  origin_verify_header_value = module.secrets.origin_verify_value
  access_logs_bucket         = "harness-logs"
}

module "waf" {
  source = "../modules/waf"

  name    = "harness"
  alb_arn = module.alb.alb_arn
}

module "edge" {
  source = "../modules/edge"

  name                       = "harness"
  origin_domain_name         = module.alb.alb_dns_name
  origin_verify_header_value = module.secrets.origin_verify_value
}

module "ecr" {
  source = "../modules/ecr"

  name = "harness"
}

module "storage" {
  source = "../modules/storage"

  bucket_name        = "harness-models"
  access_logs_bucket = "harness-logs"
}

module "github_oidc" {
  source = "../modules/github_oidc"

  name                      = "harness"
  repository                = "owner/repo"
  ecr_repository_arn        = module.ecr.repository_arn
  state_bucket              = "harness-state"
  workload_state_key        = "workload/terraform.tfstate"
  core_state_key            = "core/terraform.tfstate"
  workload                  = local.names
  plan_readable_secret_arns = ["arn:aws:secretsmanager:us-east-1:123456789012:secret:placeholder"]
}

module "ecs_cluster" {
  source = "../modules/ecs_cluster"

  name = local.names.cluster
}

module "ecs" {
  source = "../modules/ecs"

  names                   = local.names
  cluster_arn             = module.ecs_cluster.arn
  repository_url          = module.ecr.repository_url
  repository_arn          = module.ecr.repository_arn
  image_tag               = "0123abc"
  subnet_ids              = module.network.private_subnet_ids
  security_group_ids      = [module.security.service_security_group_id]
  target_group_arn        = module.alb.target_group_arn
  alb_arn_suffix          = module.alb.alb_arn_suffix
  target_group_arn_suffix = module.alb.target_group_arn_suffix
  model_bucket_arn        = module.storage.bucket_arn
  model_prefix            = "models/"
  environment             = { MODEL_BUCKET = module.storage.bucket_name }
  secrets                 = { API_KEY = module.secrets.api_key_secret_arn }
}
