provider "aws" {
  region = var.region

  default_tags {
    tags = { Project = var.name, Stack = "bootstrap", ManagedBy = "terraform" }
  }
}
