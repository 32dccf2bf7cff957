terraform {
  # 1.11: write-only arguments (secrets are written without landing in state or plan).
  required_version = ">= 1.11"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100, < 6.0"
    }
  }
}
