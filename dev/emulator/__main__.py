"""`python -m dev.emulator {start,stop,status,logs,python}`: the emulator's command line."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dev.emulator import launcher
from dev.emulator.pythons import PythonNotFoundError, find_base_python


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dev.emulator", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (
        ("start", "start the emulator as a host process and wait until healthy"),
        ("stop", "stop the emulator (its state goes with it)"),
        ("status", "print where the emulator runs; exit 1 when it does not"),
        ("logs", "print the emulator's log"),
    ):
        cmd = sub.add_parser(name, help=help_text)
        cmd.add_argument(
            "--port", type=int, default=launcher.DEFAULT_PORT, help="gateway port (default 4566)"
        )
        cmd.add_argument(
            "--state-dir",
            type=Path,
            default=launcher.DEFAULT_STATE_DIR,
            help="pid, log and data directory (default .local/emulator)",
        )
        if name == "logs":
            cmd.add_argument("-n", "--lines", type=int, default=100, help="last N lines (0: all)")
            cmd.add_argument("-f", "--follow", action="store_true", help="keep printing new lines")
    sub.add_parser("python", help="print the base Python >= 3.12 used to create .venv-emulator")
    return parser


def _logs(log_file: Path, lines: int, follow: bool) -> int:
    if not log_file.exists():
        print(f"no log at {log_file}", file=sys.stderr)
        return 1
    with log_file.open(errors="replace") as handle:
        content = handle.readlines()
        sys.stdout.writelines(content[-lines:] if lines else content)
        while follow:
            line = handle.readline()
            if line:
                sys.stdout.write(line)
                sys.stdout.flush()
            else:
                time.sleep(0.5)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "python":
            print(find_base_python())
            return 0
        if args.command == "start":
            before = launcher.status(args.state_dir)
            started = time.monotonic()
            handle = launcher.start(port=args.port, state_dir=args.state_dir)
            verb = "already running" if before else f"started in {time.monotonic() - started:.1f} s"
            print(f"emulator {verb}: {handle.endpoint_url} (pid {handle.pid}, log {handle.log_file})")
            return 0
        if args.command == "stop":
            stopped = launcher.stop(args.state_dir)
            print("emulator stopped; its state is gone" if stopped else "no emulator was running")
            return 0
        if args.command == "status":
            running = launcher.status(args.state_dir)
            if running is None:
                print(f"no emulator running for {args.state_dir.resolve()}")
                return 1
            print(running.to_json())
            return 0
        return _logs(args.state_dir.resolve() / "emulator.log", args.lines, args.follow)
    except (launcher.EmulatorError, PythonNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
