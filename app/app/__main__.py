"""``python -m app``: serve on $HOST:$PORT.

A missing or invalid setting stops it at once (exit 2), with a message naming the setting.
"""

from __future__ import annotations

import sys

from pydantic import ValidationError


def _settings_error(e: ValidationError) -> str:
    lines = []
    for err in e.errors():
        name = str(err["loc"][0]).upper() if err["loc"] else "settings"
        lines.append(f"error: invalid setting {name}: {err['msg']}")
    return "\n".join(lines) + "\nSee app/README.md for every setting."


def main() -> int:
    from app.config import Settings

    try:
        settings = Settings()  # type: ignore[call-arg]  # values come from the environment
    except ValidationError as e:
        print(_settings_error(e), file=sys.stderr)
        return 2

    from app.logs import setup_logging

    setup_logging(settings.log_level)
    api_key = settings.api_key
    if not api_key:
        from app.storage.secrets import SecretError, read_api_key

        try:
            api_key = read_api_key(settings)
        except SecretError as e:
            print(f"error: invalid setting {e}", file=sys.stderr)
            return 2
    from app.storage.s3 import make_client

    s3 = make_client(settings)
    import uvicorn

    from app.api.app import create_app

    if settings.torch_threads:
        import torch

        torch.set_num_threads(settings.torch_threads)
    # uvicorn handles SIGTERM/SIGINT: stop accepting, finish requests in flight, run the lifespan shutdown.
    uvicorn.run(
        create_app(settings, api_key, s3),
        host=settings.host,
        port=settings.port,
        log_config=None,
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=20,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
