# State in S3 with S3-native locking (a <key>.tflock object). Partial configuration: the bucket and region
# come from `terraform init` (infra/README.md, "First apply in AWS"):
#   terraform init -backend-config="bucket=<state bucket>" -backend-config="region=<region>"
terraform {
  backend "s3" {
    key          = "core/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}
