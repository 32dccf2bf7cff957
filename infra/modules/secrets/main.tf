# Secrets whose values nobody types: Secrets Manager generates them (ephemeral, so never in plan or state)
# and Terraform writes them through write-only arguments. Rotation = bump the *_version variable.
ephemeral "aws_secretsmanager_random_password" "api_key" {
  password_length     = 48
  exclude_punctuation = true # safe in headers and environment variables unquoted
}

resource "aws_secretsmanager_secret" "api_key" {
  # checkov:skip=CKV2_AWS_57:rotated by Terraform (bump the *_version variable), not by a rotation Lambda: the value is random and nothing outside reads it
  name                    = "${var.name}/api-key"
  description             = "API key of ${var.name}'s mutating endpoints (injected into the tasks as API_KEY)"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.recovery_window_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "api_key" {
  secret_id                = aws_secretsmanager_secret.api_key.id
  secret_string_wo         = ephemeral.aws_secretsmanager_random_password.api_key.random_password
  secret_string_wo_version = var.api_key_version
}

# The origin header value has to appear in CloudFront's origin config and the ALB rule, which are not
# write-only, so it is read back (sensitive) after it is written.
ephemeral "aws_secretsmanager_random_password" "origin_verify" {
  count = var.origin_verify_enabled ? 1 : 0

  password_length     = 48
  exclude_punctuation = true
}

resource "aws_secretsmanager_secret" "origin_verify" {
  # checkov:skip=CKV2_AWS_57:rotated by Terraform (bump the *_version variable), not by a rotation Lambda: the value is random and nothing outside reads it
  count = var.origin_verify_enabled ? 1 : 0

  name                    = "${var.name}/origin-verify"
  description             = "Secret header value CloudFront adds to origin requests; the ALB forwards only those"
  kms_key_id              = var.kms_key_arn
  recovery_window_in_days = var.recovery_window_days

  tags = var.tags
}

resource "aws_secretsmanager_secret_version" "origin_verify" {
  count = var.origin_verify_enabled ? 1 : 0

  secret_id                = aws_secretsmanager_secret.origin_verify[0].id
  secret_string_wo         = ephemeral.aws_secretsmanager_random_password.origin_verify[0].random_password
  secret_string_wo_version = var.origin_verify_version
}

data "aws_secretsmanager_secret_version" "origin_verify" {
  count = var.origin_verify_enabled ? 1 : 0

  secret_id  = aws_secretsmanager_secret.origin_verify[0].id
  version_id = aws_secretsmanager_secret_version.origin_verify[0].version_id
}
