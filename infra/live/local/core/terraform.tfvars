# Local values of the core stack (the emulator): the same modules as prod, toggled for a fast, free apply.
environment  = "local"
region       = "us-east-1"
state_bucket = "iac-template-local-tfstate"

nat_mode          = "none"
flow_logs_enabled = false
waf_enabled       = false
# No domain locally: plain HTTP on the emulated ALB.
cloudfront_enabled = false
certificate_arn    = null

# Fast health checks and draining so local rollouts take seconds.
health_check = {
  interval            = 5
  timeout             = 2
  healthy_threshold   = 2
  unhealthy_threshold = 2
}
deregistration_delay = 5

# Throw-away environment: destroy removes everything, names can be reused at once.
alb_deletion_protection     = false
ecr_force_delete            = true
model_bucket_force_destroy  = true
secret_recovery_window_days = 0

github_repository = "example/iac-template"
