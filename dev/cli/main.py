"""`iac-dev`: the local platform's command line (make local-up/local-down/deploy/status/logs call it)."""

from __future__ import annotations

import subprocess
import sys

import typer

from dev.cli.config import ROOT, CliError, LocalConfig
from dev.cli.phases import console

app = typer.Typer(
    help="Local platform: emulator + Terraform stacks + ECS data plane + ALB.", no_args_is_help=True
)
platform_app = typer.Typer(help="The data plane process.", no_args_is_help=True)
app.add_typer(platform_app, name="platform")


def _fail(exc: CliError) -> None:
    console.print(f"[bold red]error:[/bold red] {exc}", markup=True, highlight=False)
    raise typer.Exit(1)


@app.command()
def up() -> None:
    """Start everything (emulator, stacks, tasks, seed model) and print the URLs. Idempotent."""
    from dev.cli.up import up as run_up

    try:
        run_up(LocalConfig())
    except CliError as exc:
        _fail(exc)


@app.command()
def down() -> None:
    """Stop the data plane, its tasks and the emulator; wipe the local state."""
    from dev.cli.down import down as run_down

    run_down(LocalConfig())


@app.command()
def status(events: int = typer.Option(8, help="How many service events to show")) -> None:
    """Listeners (ALB → local port), services, deployments, tasks and events."""
    from dev.cli.status import show

    raise typer.Exit(show(LocalConfig(), events))


@app.command()
def logs(
    follow: bool = typer.Option(False, "--follow", "-f", help="Keep printing new events"),
    since: float = typer.Option(600, help="Seconds back to start from"),
    group: str = typer.Option(None, help="Log group (default: the service's awslogs group)"),
) -> None:
    """The service's logs from CloudWatch Logs in the emulator."""
    from dev.cli.logs import tail

    try:
        tail(LocalConfig(), since, follow, group)
    except CliError as exc:
        _fail(exc)
    except KeyboardInterrupt:
        pass


@app.command()
def deploy(
    image_tag: str = typer.Argument(..., help="Image tag to deploy (the workload stack's image_tag)"),
) -> None:
    """Apply the local workload stack with IMAGE_TAG and wait for the rollout (scripts/deploy.sh)."""
    from dev.emulator import launcher as emulator
    from dev.platform import launcher as plane

    cfg = LocalConfig()
    if emulator.status(cfg.emulator_dir) is None:
        _fail(CliError("the emulator is not running (stopped or died): make local-down && make local-up"))
    if plane.running(cfg.platform_dir) is None:
        _fail(CliError("the local platform is not running (no data plane): start it with make local-up"))
    code = subprocess.run([str(ROOT / "scripts" / "deploy.sh"), image_tag], env=cfg.script_env(), check=False)
    raise typer.Exit(code.returncode)


@app.command()
def url() -> None:
    """Print the ALB's local URL (for scripts: scripts/smoke.sh "$(iac-dev url)")."""
    from dev.cli.up import alb_url, read_plane_state

    state = read_plane_state(LocalConfig())
    if not state:
        _fail(CliError("the local platform is not running: make local-up"))
    print(alb_url(state or {}))


@platform_app.command("run")
def platform_run() -> None:
    """Run the data plane in the foreground (settings: IAC_PLATFORM_* environment variables)."""
    from dev.platform.__main__ import main

    raise typer.Exit(main(["run"]))


if __name__ == "__main__":
    sys.exit(app())
