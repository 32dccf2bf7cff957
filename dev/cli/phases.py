"""Progress per phase with its time (rich): a spinner while it runs, a check mark and the seconds after."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from rich.console import Console

console = Console(highlight=False, soft_wrap=True)
if not console.is_terminal:  # logs and CI: tables at full width rather than 80 columns
    console.width = 150


# Seconds of each finished phase, by title (the benchmarks read them).
TIMINGS: dict[str, float] = {}


class Phase:
    def __init__(self) -> None:
        self.detail = ""


@contextmanager
def phase(title: str) -> Iterator[Phase]:
    started = time.monotonic()
    p = Phase()
    try:
        with console.status(f"[bold]{title}[/bold] …"):
            yield p
    except BaseException:
        console.print(f"[red]✗[/red] {title:<28} {time.monotonic() - started:6.1f} s")
        raise
    took = TIMINGS[title] = time.monotonic() - started
    extra = f"  [dim]{p.detail}[/dim]" if p.detail else ""
    console.print(f"[green]✓[/green] {title:<28} {took:6.1f} s{extra}")
