"""The developer CLI (`iac-dev`): local platform up/down, deploy, status, logs."""
