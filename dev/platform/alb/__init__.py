"""The local Application Load Balancer: listener rules, target selection and the HTTP proxy."""
