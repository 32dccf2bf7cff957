# State in the emulator's S3, next to the core stack's (see ../core/backend.tf).
terraform {
  backend "s3" {
    bucket         = "iac-template-local-tfstate"
    key            = "workload/terraform.tfstate"
    region         = "us-east-1"
    use_lockfile   = true
    use_path_style = true
  }
}
