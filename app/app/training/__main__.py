"""``python -m app.training <job_id>``: run one training job (spawned by the API process per job)."""

from __future__ import annotations

import argparse

from app.config import Settings
from app.logs import setup_logging
from app.training.worker import run_job


def main() -> int:
    p = argparse.ArgumentParser(prog="python -m app.training")
    p.add_argument("job_id")
    args = p.parse_args()
    settings = Settings()  # type: ignore[call-arg]  # values come from the environment
    setup_logging(settings.log_level)
    return run_job(settings, args.job_id)


if __name__ == "__main__":
    raise SystemExit(main())
