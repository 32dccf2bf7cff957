# What a deploy does: push one image, then `terraform apply` the workload stack, which refreshes every
# workload resource (read), registers a task definition and updates the service (write), and passes the two
# task roles to ECS. Nothing else can be changed with it.
locals {
  state_bucket_arn = "arn:${local.partition}:s3:::${var.state_bucket}"
  ecs_prefix       = "arn:${local.partition}:ecs:${local.region}:${local.account}"
  cluster_arn      = "${local.ecs_prefix}:cluster/${var.workload.cluster}"
  service_arn      = "${local.ecs_prefix}:service/${var.workload.cluster}/${var.workload.service}"
  family_arn       = "${local.ecs_prefix}:task-definition/${var.workload.family}:*"
  log_group_arn    = "arn:${local.partition}:logs:${local.region}:${local.account}:log-group:${var.workload.log_group}"
  task_role_arns = [
    for role in [var.workload.task_role, var.workload.execution_role] :
    "arn:${local.partition}:iam::${local.account}:role/${role}"
  ]
}

data "aws_iam_policy_document" "deploy" {
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"] # account-wide by design: no resource-level permission exists
    resources = ["*"]
  }

  statement {
    sid = "EcrPushThisRepository"
    actions = [
      "ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload",
      "ecr:DescribeImages", "ecr:DescribeRepositories", "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart",
    ]
    resources = [var.ecr_repository_arn]
  }

  statement {
    sid       = "StateBucketList"
    actions   = ["s3:ListBucket"]
    resources = [local.state_bucket_arn]
  }

  statement {
    sid       = "WorkloadStateReadWrite"
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]
    resources = ["${local.state_bucket_arn}/${var.workload_state_key}", "${local.state_bucket_arn}/${var.workload_state_key}.tflock"]
  }

  statement {
    sid       = "CoreStateRead"
    actions   = ["s3:GetObject"]
    resources = ["${local.state_bucket_arn}/${var.core_state_key}"]
  }

  statement {
    sid = "TaskDefinitions"
    # These ECS actions have no resource-level permissions.
    actions   = ["ecs:RegisterTaskDefinition", "ecs:DeregisterTaskDefinition", "ecs:DescribeTaskDefinition"]
    resources = ["*"]
  }

  statement {
    sid       = "TagNewTaskDefinitions"
    actions   = ["ecs:TagResource"]
    resources = [local.family_arn]

    condition {
      test     = "StringEquals"
      variable = "ecs:CreateAction"
      values   = ["RegisterTaskDefinition"]
    }
  }

  statement {
    sid       = "UpdateThisService"
    actions   = ["ecs:UpdateService", "ecs:DescribeServices", "ecs:ListTagsForResource"]
    resources = [local.service_arn]
  }

  statement {
    sid       = "ReadThisClusterAndItsTasks"
    actions   = ["ecs:DescribeClusters", "ecs:ListTagsForResource", "ecs:DescribeTasks"]
    resources = [local.cluster_arn, "${local.ecs_prefix}:task/${var.workload.cluster}/*", local.family_arn]
  }

  statement {
    sid       = "ListTasksOfThisCluster"
    actions   = ["ecs:ListTasks"]
    resources = ["*"]

    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [local.cluster_arn]
    }
  }

  statement {
    sid       = "PassOnlyTheTaskRoles"
    actions   = ["iam:PassRole"]
    resources = local.task_role_arns

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }

  statement {
    sid       = "RefreshTaskRoles"
    actions   = ["iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies"]
    resources = local.task_role_arns
  }

  statement {
    sid       = "FindLogGroups"
    actions   = ["logs:DescribeLogGroups"] # a listing: authorised against the account's log groups
    resources = ["arn:${local.partition}:logs:${local.region}:${local.account}:log-group:*"]
  }

  statement {
    sid       = "RefreshLogGroup"
    actions   = ["logs:ListTagsForResource", "logs:ListTagsLogGroup"]
    resources = [local.log_group_arn, "${local.log_group_arn}:*"]
  }

  statement {
    sid = "RefreshAutoscalingAndTargets"
    # Describe calls of these services have no resource-level permissions.
    actions = [
      "application-autoscaling:DescribeScalableTargets", "application-autoscaling:DescribeScalingPolicies",
      "application-autoscaling:ListTagsForResource", "elasticloadbalancing:DescribeTargetHealth",
    ]
    resources = ["*"]
  }
}
