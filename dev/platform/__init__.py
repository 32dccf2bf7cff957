"""Local ECS/ALB data plane: runs the emulator's ECS services as real processes and serves their ALBs.

Everything it does is derived from the resources Terraform created in the emulator (services, task
definitions, target groups, listeners); what it observes is written back so the AWS APIs answer truthfully.
"""
