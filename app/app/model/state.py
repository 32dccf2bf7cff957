"""The preprocessing state and network shape of a model version, as stored in ``preprocess.json``.

It is plain JSON validated by pydantic on load, so reading a version never executes anything from the
bucket. It mirrors fastai's tabular procs: FillMissing (median fill, adds ``<col>_na`` categorical columns),
Categorify (index 0 is ``#na#``: nulls and unseen values) and Normalize (train-split mean and std + 1e-7).
"""

from __future__ import annotations

import math
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

NA_CATEGORY = "#na#"
FORMAT_VERSION: Literal[1] = 1


def category_key(value: Any) -> str | None:
    """The string a raw categorical value is matched by, the same at training and serving time.

    Integral floats become ints first, so a CSV column read as float because of a missing value (``3.0``)
    matches the JSON ``3``.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class NetConfig(BaseModel):
    """Arguments of fastai's ``TabularModel`` that decide the network's structure."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    emb_szs: list[tuple[int, int]]
    n_cont: int = Field(ge=0)
    out_sz: int = Field(default=1, ge=1)
    layers: list[int]
    ps: list[float]
    embed_p: float = 0.0
    y_range: tuple[float, float] | None = None
    use_bn: bool = True
    bn_final: bool = False
    bn_cont: bool = True


class PreprocessState(BaseModel):
    """Everything needed to turn request rows into the network's (categorical, continuous) tensors."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1] = FORMAT_VERSION
    target: str
    # Columns a request row must have, in training order, and their kind.
    inputs: dict[str, Literal["continuous", "categorical"]]
    cat_names: list[str]  # model input order; includes the <col>_na indicator columns
    cont_names: list[str]
    # Categorify classes per categorical column, "#na#" first (strings, or false/true for <col>_na).
    classes: dict[str, list[str | bool]]
    fill_values: dict[str, float]  # FillMissing medians; only columns that had nulls in the train split
    means: dict[str, float]
    stds: dict[str, float]
    net: NetConfig

    @model_validator(mode="after")
    def _consistent(self) -> PreprocessState:
        na_cols = {f"{c}_na" for c in self.fill_values}
        for c in self.cat_names:
            if c not in self.classes or (c not in self.inputs and c not in na_cols):
                raise ValueError(f"categorical column {c!r} has no classes or no source column")
            if not self.classes[c] or self.classes[c][0] != NA_CATEGORY:
                raise ValueError(f"classes of {c!r} must start with {NA_CATEGORY!r}")
        for c in self.cont_names:
            if self.inputs.get(c) != "continuous" or c not in self.means or c not in self.stds:
                raise ValueError(f"continuous column {c!r} lacks its input or normalisation stats")
        if len(self.net.emb_szs) != len(self.cat_names) or self.net.n_cont != len(self.cont_names):
            raise ValueError("network shape does not match the column lists")
        if any(n != len(self.classes[c]) for (n, _), c in zip(self.net.emb_szs, self.cat_names, strict=True)):
            raise ValueError("embedding sizes do not match the number of classes")
        return self
