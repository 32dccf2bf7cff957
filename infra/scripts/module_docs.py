"""Write the Inputs and Outputs tables of every module README from its variables.tf and outputs.tf.

usage: python infra/scripts/module_docs.py [--check]

The tables sit between the markers below; everything else in a README is written by hand. --check changes
nothing and exits 1 when a README is out of date (tests/unit/infra runs the same comparison).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from hcl2.api import load as load_hcl

MODULES = Path(__file__).resolve().parents[1] / "modules"
BEGIN, END = "<!-- BEGIN_TF_DOCS -->", "<!-- END_TF_DOCS -->"


def _blocks(path: Path, kind: str) -> list[tuple[str, dict[str, Any]]]:
    with path.open() as handle:
        parsed = load_hcl(handle)
    return [(name, body) for block in parsed.get(kind, []) for name, body in block.items()]


def _type(raw: str) -> str:
    # python-hcl2 gives "string" for simple types and "${object({...})}" for objects: name only the kind.
    text = raw.removeprefix("${").removesuffix("}")
    return "object" if text.startswith("object(") else re.sub(r"\$\{|\}", "", text)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _default(body: dict[str, Any]) -> str:
    if "default" not in body:
        return "required"
    value = body["default"]
    return "`null`" if value is None else f"`{_cell(json.dumps(value))}`"


def tables(module: Path) -> str:
    """The generated part of a module's README."""
    lines = [BEGIN, "## Inputs", "", "| Name | Type | Default | Description |", "| --- | --- | --- | --- |"]
    for name, body in _blocks(module / "variables.tf", "variable"):
        lines.append(
            f"| `{name}` | {_type(str(body.get('type', 'any')))} | {_default(body)} | "
            f"{_cell(body.get('description', ''))} |"
        )
    lines += ["", "## Outputs", "", "| Name | Description |", "| --- | --- |"]
    for name, body in _blocks(module / "outputs.tf", "output"):
        lines.append(f"| `{name}` | {_cell(body.get('description', ''))} |")
    lines.append(END)
    return "\n".join(lines)


def rendered(module: Path) -> str:
    """The README with its generated part brought up to date (appended when the markers are missing)."""
    readme = module / "README.md"
    text = readme.read_text() if readme.exists() else f"# {module.name}\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        return f"{head}{tables(module)}{tail}"
    return f"{text.rstrip()}\n\n{tables(module)}\n"


def main(argv: list[str]) -> int:
    stale = []
    for module in sorted(p for p in MODULES.iterdir() if (p / "variables.tf").exists()):
        readme = module / "README.md"
        text = rendered(module)
        if not readme.exists() or readme.read_text() != text:
            stale.append(readme)
            if "--check" not in argv:
                readme.write_text(text)
    if stale and "--check" in argv:
        print("out of date (run: python infra/scripts/module_docs.py):", *map(str, stale), sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
