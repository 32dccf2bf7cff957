# The service: tasks in private subnets without public addresses, registered in the ALB's target group,
# replaced by rolling deployments that never drop below the desired count and roll back on failure.
resource "aws_ecs_service" "app" {
  name             = var.names.service
  cluster          = var.cluster_arn
  task_definition  = aws_ecs_task_definition.app.arn
  desired_count    = var.desired_count
  launch_type      = "FARGATE"
  platform_version = "LATEST"

  deployment_minimum_healthy_percent = 100
  deployment_maximum_percent         = 200
  health_check_grace_period_seconds  = var.health_check_grace_period
  enable_execute_command             = false
  enable_ecs_managed_tags            = true
  propagate_tags                     = "SERVICE"
  wait_for_steady_state              = var.wait_for_steady_state

  deployment_controller {
    type = "ECS"
  }

  deployment_circuit_breaker {
    enable   = true
    rollback = true
  }

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = var.security_group_ids
    assign_public_ip = false
  }

  load_balancer {
    target_group_arn = var.target_group_arn
    container_name   = var.container_name
    container_port   = var.container_port
  }

  tags = var.tags

  lifecycle {
    # Autoscaling changes the count at run time; a deploy must not reset it to the initial value.
    ignore_changes = [desired_count]
  }

  # The execution role's permissions must exist before the first task pulls its image.
  depends_on = [aws_iam_role_policy.execution]
}
