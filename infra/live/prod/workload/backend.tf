# State in S3 with S3-native locking. Partial configuration: bucket and region come from `terraform init`
# (infra/README.md):
#   terraform init -backend-config="bucket=<state bucket>" -backend-config="region=<region>"
terraform {
  backend "s3" {
    key          = "workload/terraform.tfstate"
    encrypt      = true
    use_lockfile = true
  }
}
