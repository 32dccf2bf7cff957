"""`iac-dev up` (make local-up): emulator, local core + workload stacks, data plane, seed model, URLs.

Idempotent: each phase finds what already runs or is applied and moves on. On a failure, what this run
started is stopped again and the message names the fix.
"""

from __future__ import annotations

import fcntl
import shutil
import socket
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

from dev.cli import terraform
from dev.cli.config import ROOT, CliError, LocalConfig
from dev.cli.phases import console, phase
from dev.cli.seed import SAMPLE_ROW, ServiceClient, write_sample
from dev.emulator import launcher as emulator
from dev.platform import launcher as plane
from dev.platform.state import read_state


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def hold_lock(path: Path, what: str) -> IO[str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError as exc:
        raise CliError(f"{what} is already running (lock {path}); wait for it to finish, then retry") from exc
    return handle


def check_prerequisites(cfg: LocalConfig) -> None:
    missing = []
    if shutil.which("terraform") is None:
        missing.append("terraform (1.11): https://developer.hashicorp.com/terraform/install")
    if not (ROOT / ".venv-emulator" / "bin" / "tflocal").exists():
        missing.append("the emulator environment: make emulator-venv")
    if not (cfg.venv_bin / "aws").exists():
        missing.append("the AWS CLI in .venv: make venv")
    if missing:
        raise CliError("missing prerequisites:\n  " + "\n  ".join(missing))
    if emulator.status(cfg.emulator_dir) is None and port_in_use(cfg.emulator_port):
        raise CliError(
            f"port {cfg.emulator_port} is in use by another process: stop it, or use another port: "
            f"make local-up EMULATOR_PORT=<free port>"
        )
    listener_port = cfg.port_offset + 80
    if plane.running(cfg.platform_dir) is None and port_in_use(listener_port):
        raise CliError(
            f"port {listener_port} (the ALB's HTTP listener) is in use: stop that process, or move the "
            "listeners: make local-up IAC_PLATFORM_PORT_OFFSET=9000"
        )


def api_key(cfg: LocalConfig, secret_name: str) -> str:
    sm = cfg.client("secretsmanager")
    return str(sm.get_secret_value(SecretId=secret_name)["SecretString"])


def alb_url(state: dict[str, Any]) -> str:
    listeners = state.get("listeners") or []
    http = [ls for ls in listeners if ls["protocol"] == "HTTP"] or listeners
    if not http:
        raise CliError("the data plane serves no ALB listener: did the core stack create one? (make status)")
    return str(http[0]["url"])


def up(cfg: LocalConfig) -> dict[str, str]:
    lock = hold_lock(cfg.local_dir / "local-up.lock", "another `make local-up`")
    deploy_lock = hold_lock(cfg.local_dir / "deploy.lock", "a deploy (make deploy)")
    started: list[str] = []
    try:
        return _up(cfg, started)
    except BaseException:
        if "plane" in started:
            plane.stop(cfg.platform_dir)
        if "emulator" in started:
            emulator.stop(cfg.emulator_dir)
        raise
    finally:
        deploy_lock.close()
        lock.close()


def _up(cfg: LocalConfig, started: list[str]) -> dict[str, str]:
    total = time.monotonic()
    with phase("Prerequisites"):
        check_prerequisites(cfg)
    with phase("Emulator") as p:
        was = emulator.status(cfg.emulator_dir)
        try:
            # Preload: the services' code and the region's EC2 backend load while Terraform starts up.
            preload = {"IAC_EMULATOR_PRELOAD": "1", "IAC_EMULATOR_REGION": cfg.region}
            handle = emulator.start(cfg.emulator_port, cfg.emulator_dir, extra_env=preload)
        except emulator.EmulatorError as exc:
            raise CliError(str(exc)) from exc
        if was is None:
            started.append("emulator")
        p.detail = f"{handle.endpoint_url} ({'running' if was else 'started'}, pid {handle.pid})"
    emulator_id = f"{handle.pid}:{handle.port}"
    # What does not depend on the stacks starts now and runs beside the applies (the critical path is
    # the core stack's ALB, which the AWS provider waits on for a fixed 60 s): the data plane (it picks
    # the service up as soon as the workload stack creates it), the sample data, the workload's init.
    with ThreadPoolExecutor(max_workers=3, thread_name_prefix="up") as pool:
        if plane.running(cfg.platform_dir) is None:
            started.append("plane")
        plane_handle = pool.submit(
            plane.start, cfg.platform_dir, cfg.aws_env(), python=str(cfg.venv_bin / "python")
        )
        sample = pool.submit(
            write_sample, cfg.venv_bin / "python", cfg.local_dir / "sample.csv", cfg.seed_rows
        )
        url = _apply_stacks(cfg, emulator_id, pool, plane_handle)
        core = terraform.outputs(cfg, cfg.core_stack)
        client = ServiceClient(url, api_key(cfg, str(core["api_key_secret_name"])))
        _seed(cfg, client, sample)
    with phase("First prediction") as p:
        result = client.predict([SAMPLE_ROW])
        p.detail = f"{result['predictions'][0]:.3f} from model {result['model_version']}"
    console.print(f"\n[bold green]Local platform up[/bold green] in {time.monotonic() - total:.1f} s\n")
    info = {"alb": url, "docs": f"{url}/docs", "emulator": cfg.endpoint_url}
    console.print(f"  ALB            {url}")
    console.print(f"  API docs       {url}/docs")
    console.print(f"  Emulator       {cfg.endpoint_url}   (aws --endpoint-url {cfg.endpoint_url} ...)")
    console.print(
        "  Status / logs  make status · make logs · make deploy IMAGE_TAG=<tag> · make local-down\n"
    )
    row = ", ".join(f'"{k}": {v!r}'.replace("'", '"') for k, v in SAMPLE_ROW.items())
    console.print("  Predict:", style="bold")
    console.print(
        f"  curl -s {url}/predict -H 'Content-Type: application/json' -d '{{\"rows\": [{{{row}}}]}}'",
        soft_wrap=True,
    )
    return info


def _apply_stacks(
    cfg: LocalConfig, emulator_id: str, pool: ThreadPoolExecutor, plane_handle: Future[plane.PlaneHandle]
) -> str:
    """Core, then workload (its init runs beside the core apply), then the tasks healthy; the ALB's URL."""
    with phase("Core stack (tflocal apply)") as p:
        core_job = terraform.pending(cfg, cfg.core_stack, emulator_id, {})
        if core_job and not terraform.initialised(cfg.core_stack, cfg.endpoint_url):
            terraform.init(cfg, cfg.core_stack)  # also creates the state bucket both stacks use
        tag = cfg.image_tag or terraform.current_image_tag(cfg) or "dev"
        workload_job = terraform.pending(cfg, cfg.workload_stack, emulator_id, {"image_tag": tag})
        # A fresh checkout or a moved endpoint: the workload's init runs beside the core apply.
        workload_init = (
            pool.submit(terraform.init, cfg, cfg.workload_stack)
            if workload_job and not terraform.initialised(cfg.workload_stack, cfg.endpoint_url)
            else None
        )
        if core_job:
            terraform.apply(cfg, core_job)
        p.detail = "applied" if core_job else "up to date"
    with phase(f"Workload stack ({tag})") as p:
        if workload_init:
            workload_init.result()
        if workload_job:
            terraform.apply(cfg, workload_job)
        p.detail = "applied" if workload_job else "up to date"
    with phase("Data plane: tasks healthy") as p:
        try:
            state = plane.wait_for(
                plane_handle.result(),
                plane.service_ready,
                cfg.ready_timeout_s,
                "the service's tasks to be healthy",
            )
        except plane.PlaneError as exc:
            raise CliError(
                f"{exc}\n{_health_hint(cfg)}(full log: {cfg.platform_dir / 'platform.log'})"
            ) from exc
        url = alb_url(state)
        p.detail = f"{sum(len(s['tasks']) for s in state['services'])} tasks behind {url}"
    return url


def _seed(cfg: LocalConfig, client: ServiceClient, sample: Future[Path]) -> None:
    with phase("Seed model (train via ALB)") as p:
        version = client.active_model()
        if version:
            p.detail = f"active model {version}"
        else:
            job_id = client.train(client.upload(sample.result()), cfg.seed_epochs)
            job = client.wait_job(job_id, cfg.ready_timeout_s)
            p.detail = f"model {job.get('model_version')} trained and active"
        client.wait_ready(120)


def _health_hint(cfg: LocalConfig) -> str:
    """Name the fix when tasks were replaced for failing health checks before the app came up."""
    state = read_state(cfg.platform_dir / "state.json") or {}
    messages = [e["message"] for svc in state.get("services", []) for e in svc.get("events", [])]
    if not any("has stopped" in m for m in messages):
        return ""
    return (
        "Tasks were stopped and replaced while starting. If the app needs longer to start than the service's "
        "health-check grace period (a busy machine: torch import), raise health_check_grace_period in "
        "infra/live/local/workload/terraform.tfvars; see the tasks' output under "
        f"{cfg.platform_dir / 'tasks'} and `make status`.\n"
    )


def read_plane_state(cfg: LocalConfig) -> dict[str, Any] | None:
    return read_state(cfg.platform_dir / "state.json")
