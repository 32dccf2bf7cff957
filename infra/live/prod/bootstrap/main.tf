# Bootstrap: the bucket that holds every other stack's state. Applied once per account with local state
# (there is nowhere else to keep it yet); keep terraform.tfstate of this directory safe, or import the
# bucket again if it is lost: terraform import module.state.aws_s3_bucket.this <bucket>.

data "aws_caller_identity" "current" {}

# Same protection as the model bucket: versions kept (a state file can be restored), SSE-KMS, private,
# TLS-only. Old state versions expire after a year.
module "state" {
  source = "../../../modules/storage"

  bucket_name              = "${var.name}-tfstate-${data.aws_caller_identity.current.account_id}"
  noncurrent_version_days  = 365
  noncurrent_versions_kept = 50
}
