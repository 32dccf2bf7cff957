# Read-only role for `terraform plan` in pull requests: reads every resource and the state, changes nothing.
resource "aws_iam_role" "plan" {
  count = var.plan_role_enabled ? 1 : 0

  name                 = "${var.name}-plan"
  description          = "GitHub Actions (${var.repository}, pull requests and main): terraform plan, read-only"
  assume_role_policy   = data.aws_iam_policy_document.trust["plan"].json
  max_session_duration = 3600

  tags = var.tags
}

resource "aws_iam_role_policy_attachment" "plan_read_only" {
  count = var.plan_role_enabled ? 1 : 0

  role       = aws_iam_role.plan[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/ReadOnlyAccess"
}

data "aws_iam_policy_document" "plan_extra" {
  count = var.plan_role_enabled ? 1 : 0

  statement {
    sid       = "StateRead"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = [local.state_bucket_arn, "${local.state_bucket_arn}/*"]
  }

  statement {
    sid       = "GeneratedSecretsOpen"
    actions   = ["secretsmanager:GetRandomPassword"] # plan opens the ephemeral password; no resource-level permission exists
    resources = ["*"]
  }

  dynamic "statement" {
    for_each = length(var.plan_readable_secret_arns) > 0 ? [1] : []
    content {
      sid       = "ReadBackOriginHeader"
      actions   = ["secretsmanager:GetSecretValue"]
      resources = var.plan_readable_secret_arns
    }
  }
}

resource "aws_iam_role_policy" "plan_extra" {
  count = var.plan_role_enabled ? 1 : 0

  name   = "plan-state-and-secrets"
  role   = aws_iam_role.plan[0].id
  policy = data.aws_iam_policy_document.plan_extra[0].json
}
