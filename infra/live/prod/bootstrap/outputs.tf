output "state_bucket" {
  description = "Bucket to pass to `terraform init -backend-config=bucket=...` of the core and workload stacks."
  value       = module.state.bucket_name
}
