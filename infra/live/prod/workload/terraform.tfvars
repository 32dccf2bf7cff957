# Production values of the workload stack. image_tag has no value here: every apply names it
# (-var image_tag=<git sha>), so a deploy can never silently reuse an old tag.
environment = "prod"
region      = "eu-west-1"

cpu           = 1024
memory        = 2048
desired_count = 2

autoscaling = {
  min_capacity = 2
  max_capacity = 6
}

app_environment = {
  LOG_LEVEL       = "INFO"
  POLL_INTERVAL_S = "5"
}
