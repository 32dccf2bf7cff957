# Local values of the workload stack (the emulator and the local data plane).
environment          = "local"
region               = "us-east-1"
state_bucket         = "iac-template-local-tfstate"
state_use_path_style = true

# The deploy input; make local-up and the tests pass -var image_tag=<tag>.
image_tag = "dev"

cpu                       = 512
memory                    = 1024
desired_count             = 2
health_check_grace_period = 60 # covers app start (torch import) on a busy 2-core laptop or CI runner
stop_timeout              = 10

container_health_check = {
  interval     = 5
  timeout      = 2
  retries      = 2
  start_period = 5
}

autoscaling = {
  min_capacity = 2
  max_capacity = 4
}

app_environment = {
  LOG_LEVEL       = "INFO"
  POLL_INTERVAL_S = "1"
}
