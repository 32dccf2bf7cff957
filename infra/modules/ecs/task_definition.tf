# One container: the app image at var.image_tag. A new tag is a new revision; the service rolls to it.
locals {
  default_health_command = [
    "CMD", "python", "-c",
    "import urllib.request; urllib.request.urlopen('http://127.0.0.1:${var.container_port}/health/live', timeout=3)",
  ]

  container = {
    name                   = var.container_name
    image                  = "${var.repository_url}:${var.image_tag}"
    essential              = true
    user                   = var.container_user
    readonlyRootFilesystem = true
    privileged             = false
    command                = var.command
    stopTimeout            = var.stop_timeout
    portMappings           = [{ containerPort = var.container_port, protocol = "tcp" }]
    # Sorted for a stable rendering: ECS returns the lists in its own order.
    environment = [for name in sort(keys(var.environment)) : { name = name, value = var.environment[name] }]
    secrets     = [for name in sort(keys(var.secrets)) : { name = name, valueFrom = var.secrets[name] }]
    mountPoints = [{ sourceVolume = "tmp", containerPath = "/tmp", readOnly = false }]
    linuxParameters = {
      capabilities       = { drop = ["ALL"] }
      initProcessEnabled = true # reaps the training subprocesses' children
    }
    healthCheck = {
      command     = coalesce(var.health_check.command, local.default_health_command)
      interval    = var.health_check.interval
      timeout     = var.health_check.timeout
      retries     = var.health_check.retries
      startPeriod = var.health_check.start_period
    }
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.app.name
        awslogs-region        = data.aws_region.current.name
        awslogs-stream-prefix = var.log_stream_prefix
      }
    }
  }
}

resource "aws_ecs_task_definition" "app" {
  family                   = var.names.family
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = var.cpu
  memory                   = var.memory
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = var.cpu_architecture
  }

  # The only writable path of the container (the root filesystem is read-only): scratch space for uploads
  # and training, gone with the task.
  volume {
    name = "tmp"
  }

  container_definitions = jsonencode([{ for key, value in local.container : key => value if value != null }])

  # A new image replaces this resource; the old revision stays registered, because the deployment circuit
  # breaker (and a manual rollback) returns the service to it.
  skip_destroy = true

  tags = var.tags
}
