"""Static checks of infra/: parsed HCL (python-hcl2), no Terraform run, no emulator."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hcl2.api import load as load_hcl

INFRA = Path(__file__).resolve().parents[3] / "infra"
MODULES = sorted(p for p in (INFRA / "modules").iterdir() if p.is_dir())
STACKS = ("core", "workload")


def parse_dir(directory: Path) -> dict[str, list[Any]]:
    """Every top-level block of the .tf files in ``directory``, merged by kind (resource, data, module...)."""
    merged: dict[str, list[Any]] = {}
    for path in sorted(directory.glob("*.tf")):
        with path.open() as handle:
            for kind, blocks in load_hcl(handle).items():
                merged.setdefault(kind, []).extend(blocks)
    return merged


def named_blocks(parsed: dict[str, list[Any]], kind: str) -> dict[str, Any]:
    """Blocks with one label (module, variable, output) by name."""
    return {name: body for block in parsed.get(kind, []) for name, body in block.items()}


def typed_blocks(parsed: dict[str, list[Any]], kind: str) -> list[tuple[str, str, Any]]:
    """Blocks with two labels (resource, data) as (type, name, body)."""
    return [
        (type_, name, body)
        for block in parsed.get(kind, [])
        for type_, bodies in block.items()
        for name, body in bodies.items()
    ]
