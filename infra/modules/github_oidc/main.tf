# GitHub Actions -> AWS without stored keys: jobs of this repository exchange their OIDC token for short-lived
# credentials of a role whose trust policy names the repository and environment.
data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

locals {
  issuer       = "token.actions.githubusercontent.com"
  provider_arn = var.create_provider ? aws_iam_openid_connect_provider.github[0].arn : var.existing_provider_arn
  account      = data.aws_caller_identity.current.account_id
  partition    = data.aws_partition.current.partition
  region       = data.aws_region.current.name

  trusted_subjects = merge(
    { deploy = ["repo:${var.repository}:environment:${var.deploy_environment}"] },
    var.plan_role_enabled ? { plan = ["repo:${var.repository}:pull_request", "repo:${var.repository}:ref:refs/heads/main"] } : {},
  )
}

resource "aws_iam_openid_connect_provider" "github" {
  count = var.create_provider ? 1 : 0

  url             = "https://${local.issuer}"
  client_id_list  = ["sts.amazonaws.com"]
  thumbprint_list = var.thumbprints

  tags = var.tags
}

# One trust policy per role, differing only in the token subjects they accept: exact subjects, so only jobs
# of this repository in that environment (deploy) or on pull requests and main (plan) can assume them.
data "aws_iam_policy_document" "trust" {
  for_each = local.trusted_subjects

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = each.value
    }
  }

  lifecycle {
    precondition {
      condition     = var.create_provider || var.existing_provider_arn != null
      error_message = "Set existing_provider_arn when create_provider is false."
    }
  }
}

resource "aws_iam_role" "deploy" {
  name                 = "${var.name}-deploy"
  description          = "GitHub Actions (${var.repository}, environment ${var.deploy_environment}): push the image, apply the workload stack"
  assume_role_policy   = data.aws_iam_policy_document.trust["deploy"].json
  max_session_duration = 3600

  tags = var.tags
}

resource "aws_iam_role_policy" "deploy" {
  name   = "deploy-workload"
  role   = aws_iam_role.deploy.id
  policy = data.aws_iam_policy_document.deploy.json
}
