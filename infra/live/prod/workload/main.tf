# Workload: the ECS task definition, service, autoscaling and the tasks' roles; the cluster is core's.
# Deploy = apply with -var image_tag=<sha>; rollback = apply with the previous tag. Everything it needs from
# the core stack comes from core's outputs.
data "aws_caller_identity" "current" {}

locals {
  state_bucket = coalesce(var.state_bucket, "${var.name}-tfstate-${data.aws_caller_identity.current.account_id}")
}

data "terraform_remote_state" "core" {
  backend = "s3"

  config = {
    bucket         = local.state_bucket
    key            = "core/terraform.tfstate"
    region         = var.region
    use_path_style = var.state_use_path_style
  }
}

locals {
  core = data.terraform_remote_state.core.outputs

  # What the app needs to know about its environment, then per-environment settings, then one-off overrides.
  environment = merge(
    {
      MODEL_BUCKET = local.core.model_bucket_name
      MODEL_PREFIX = var.model_prefix
      AWS_REGION   = var.region
      PORT         = tostring(local.core.app_port)
    },
    var.app_environment,
    var.extra_environment,
  )
}

module "ecs" {
  source = "../../../modules/ecs"

  names              = local.core.workload_names
  cluster_arn        = local.core.cluster_arn
  log_retention_days = var.log_retention_days

  repository_url = local.core.ecr_repository_url
  repository_arn = local.core.ecr_repository_arn
  image_tag      = var.image_tag
  cpu            = var.cpu
  memory         = var.memory
  container_port = local.core.app_port
  environment    = local.environment
  secrets        = { API_KEY = local.core.api_key_secret_arn }
  health_check   = var.container_health_check
  stop_timeout   = var.stop_timeout

  subnet_ids                = local.core.private_subnet_ids
  security_group_ids        = [local.core.service_security_group_id]
  target_group_arn          = local.core.target_group_arn
  desired_count             = var.desired_count
  health_check_grace_period = var.health_check_grace_period
  wait_for_steady_state     = var.wait_for_steady_state

  autoscaling             = var.autoscaling
  alb_arn_suffix          = local.core.alb_arn_suffix
  target_group_arn_suffix = local.core.target_group_arn_suffix

  model_bucket_arn = local.core.model_bucket_arn
  model_prefix     = var.model_prefix
}
