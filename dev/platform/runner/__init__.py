"""How a task's containers run: host processes (no engine) or containers (a Docker engine answers)."""
