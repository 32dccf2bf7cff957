"""AWS access: the model bucket (datasets, jobs, model versions, active pointer) and Secrets Manager."""
