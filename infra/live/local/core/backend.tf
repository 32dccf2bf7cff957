# State in the emulator's S3 (dev/terraform/tf.sh points the backend at it and creates the bucket): wiping
# the emulator wipes the state with the resources it describes.
terraform {
  backend "s3" {
    bucket         = "iac-template-local-tfstate"
    key            = "core/terraform.tfstate"
    region         = "us-east-1"
    use_lockfile   = true
    use_path_style = true # offline, <bucket>.localhost does not resolve
  }
}
