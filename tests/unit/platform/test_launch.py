"""From a container definition to a host process: argv, env, health-check command, secret references."""

from __future__ import annotations

from pathlib import Path

from dev.platform.runner.launch import (
    Launch,
    container_argv,
    health_check_argv,
    host_argv,
    parse_secret_arn,
    task_env,
)
from dev.platform.spec import ContainerHealthCheck, parse_container

RAW = {
    "name": "app",
    "image": "123.dkr.ecr.us-east-1.amazonaws.com/app:abc",
    "portMappings": [{"containerPort": 8000, "hostPort": 8000}],
    "environment": [{"name": "PORT", "value": "8000"}, {"name": "MODEL_BUCKET", "value": "b"}],
    "secrets": [{"name": "API_KEY", "valueFrom": "arn:aws:secretsmanager:us-east-1:1:secret:k-AbCd"}],
    "logConfiguration": {
        "logDriver": "awslogs",
        "options": {"awslogs-group": "/ecs/app", "awslogs-stream-prefix": "app"},
    },
    "healthCheck": {
        "command": ["CMD-SHELL", "curl -f http://localhost:8000/health/live || exit 1"],
        "interval": 10,
        "retries": 2,
    },
    "stopTimeout": 5,
}


def launch(**kw: object) -> Launch:
    base = {"task_id": "t", "container": "app", "image": "i", "entry_point": (), "command": (), "env": {}}
    base.update(kw)
    return Launch(**base)  # type: ignore[arg-type]


def test_container_definition_is_parsed() -> None:
    c = parse_container(RAW)
    assert c.container_ports == (8000,)
    assert c.stop_timeout_s == 5
    assert c.logs is not None
    assert c.logs.group == "/ecs/app"
    assert c.health_check is not None
    assert c.health_check.retries == 2


def test_argv_follows_docker_semantics() -> None:
    assert container_argv(launch(), ["python", "-m", "app"]) == ["python", "-m", "app"]
    assert container_argv(launch(entry_point=("sh", "-c"), command=("echo hi",)), []) == [
        "sh",
        "-c",
        "echo hi",
    ]


def test_python_means_the_app_environment_in_host_mode() -> None:
    assert host_argv(["python3", "-m", "app"], Path("/v/bin/python")) == ["/v/bin/python", "-m", "app"]
    assert host_argv(["uvicorn", "x"], Path("/v/bin/python")) == ["uvicorn", "x"]


def test_platform_env_wins_and_port_is_the_task_port() -> None:
    c = parse_container(RAW)
    env = task_env(c, {"API_KEY": "k"}, {"AWS_ENDPOINT_URL": "http://e"}, 41234)
    assert env["PORT"] == "41234"
    assert env["MODEL_BUCKET"] == "b"
    assert env["API_KEY"] == "k"
    assert env["AWS_ENDPOINT_URL"] == "http://e"


def test_health_check_targets_the_task_port() -> None:
    hc = ContainerHealthCheck(("CMD-SHELL", "curl -f http://localhost:8000/health/live || exit 1"))
    assert health_check_argv(hc, {8000: 5555}) == [
        "sh",
        "-c",
        "curl -f http://127.0.0.1:5555/health/live || exit 1",
    ]
    hc = ContainerHealthCheck(("CMD", "python", "-c", "x('http://127.0.0.1:8000/')"))
    assert health_check_argv(hc, {8000: 7}, "127.0.1.9") == ["python", "-c", "x('http://127.0.1.9:7/')"]


def test_secret_references() -> None:
    arn = "arn:aws:secretsmanager:us-east-1:1:secret:k-AbCd"
    assert parse_secret_arn(arn) == ("secretsmanager", arn, None, None, None)
    assert parse_secret_arn(arn + ":password::") == ("secretsmanager", arn, "password", None, None)
    assert parse_secret_arn(arn + ":password:AWSPREVIOUS:") == (
        "secretsmanager",
        arn,
        "password",
        "AWSPREVIOUS",
        None,
    )
    assert parse_secret_arn("arn:aws:ssm:us-east-1:1:parameter/a/b")[0] == "ssm"
