"""`python -m dev.platform run`: start the data plane in the foreground (make local-up backgrounds it)."""

from __future__ import annotations

import asyncio
import logging
import sys

from dev.platform.daemon import DataPlane, FatalError
from dev.platform.settings import PlatformSettings


def main(argv: list[str]) -> int:
    if argv[:1] != ["run"]:
        print("usage: python -m dev.platform run   (settings: IAC_PLATFORM_* environment variables)")
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("botocore").setLevel(logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        asyncio.run(DataPlane(PlatformSettings()).run())
    except FatalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
