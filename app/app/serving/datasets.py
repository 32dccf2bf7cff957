"""Validate an uploaded CSV and infer column dtypes, streaming (constant memory, no pandas in the server).

dtypes follow what pandas' ``read_csv`` (used by training) infers: ``int``, ``float``, ``bool`` or
``string``; a column with only empty cells is ``empty``.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

_BOOL = frozenset({"true", "false"})


class CsvError(ValueError):
    """The upload is not a CSV the service can train on; the message says where and why."""


@dataclass(frozen=True)
class CsvSummary:
    rows: int
    columns: list[str]
    dtypes: dict[str, str]


def _lines(data: bytes) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        yield from io.StringIO(decoder.decode(data, final=True), newline="")
    except UnicodeDecodeError as e:
        raise CsvError(f"the file is not UTF-8 text (byte {e.start})") from e


def _kind(value: str, current: str) -> str:
    # Narrow a column's kind by one non-empty cell: int -> float -> string, bool only while all are bool.
    if current in ("int", "empty"):
        try:
            int(value)
            return "int"
        except ValueError:
            current = "float" if current == "int" else "bool" if value.lower() in _BOOL else "float"
    if current == "bool":
        return "bool" if value.lower() in _BOOL else "string"
    if current == "float":
        try:
            float(value)
            return "float"
        except ValueError:
            return "string"
    return current


def inspect_csv(data: bytes) -> CsvSummary:
    try:
        reader = csv.reader(_lines(data), strict=True)
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise CsvError("the file is empty or has no header row")
        if any(not h.strip() for h in header):
            raise CsvError(f"the header has an empty column name: {header}")
        if len(set(header)) != len(header):
            raise CsvError(f"the header has duplicate column names: {header}")
        kinds = ["empty"] * len(header)
        rows = 0
        for rows, row in enumerate(reader, start=1):  # noqa: B007 - rows is the count afterwards
            if len(row) != len(header):
                if not row:
                    raise CsvError(f"line {reader.line_num}: empty line")
                raise CsvError(f"line {reader.line_num}: {len(row)} fields, the header has {len(header)}")
            for i, v in enumerate(row):
                if v and kinds[i] != "string":
                    kinds[i] = _kind(v, kinds[i])
    except csv.Error as e:
        raise CsvError(f"line {reader.line_num}: {e}") from e
    if rows == 0:
        raise CsvError("the file has a header but no data rows")
    return CsvSummary(rows, header, dict(zip(header, kinds, strict=True)))
