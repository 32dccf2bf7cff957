output "vpc_id" {
  description = "ID of the VPC."
  value       = aws_vpc.this.id
}

output "vpc_cidr_block" {
  description = "IPv4 range of the VPC."
  value       = aws_vpc.this.cidr_block
}

output "availability_zones" {
  description = "Zones the subnets are spread over, in subnet order."
  value       = local.azs
}

output "public_subnet_ids" {
  description = "Public subnets (ALB, NAT), one per zone."
  value       = aws_subnet.public[*].id
}

output "private_subnet_ids" {
  description = "Private subnets (tasks, interface endpoints), one per zone."
  value       = aws_subnet.private[*].id
}

output "private_route_table_ids" {
  description = "Route tables of the private subnets (the S3 gateway endpoint attaches to them)."
  value       = aws_route_table.private[*].id
}

output "nat_public_ips" {
  description = "Public addresses the private subnets reach the internet from (empty when nat_mode is none)."
  value       = aws_eip.nat[*].public_ip
}

output "flow_log_group_name" {
  description = "CloudWatch log group of the VPC flow logs (null when flow logs are off)."
  value       = one(aws_cloudwatch_log_group.flow_logs[*].name)
}
