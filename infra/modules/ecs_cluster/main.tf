# The ECS cluster the workload's services run in. Shared platform infrastructure, so it lives in the core
# stack: a deploy (the workload stack) never creates or deletes it, and its creation (the provider polls it
# only after a fixed 10 s) runs beside the ALB's instead of on every fresh workload apply.
resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }

  tags = var.tags
}
