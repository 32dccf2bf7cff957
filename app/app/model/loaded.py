"""A model version ready to serve: JSON state + safetensors weights → eval-mode torch module."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from safetensors.torch import load as load_safetensors

from app.model.encode import RowEncoder
from app.model.files import METRICS_FILE, STATE_FILE, WEIGHTS_FILE, ModelLoadError
from app.model.folded import FoldedNet
from app.model.network import TabularNet
from app.model.state import PreprocessState

__all__ = ["METRICS_FILE", "STATE_FILE", "WEIGHTS_FILE", "LoadedModel", "ModelLoadError"]


@dataclass(frozen=True)
class LoadedModel:
    version: str
    state: PreprocessState
    net: TabularNet
    folded: FoldedNet
    encoder: RowEncoder

    @classmethod
    def from_files(cls, version: str, files: dict[str, bytes]) -> LoadedModel:
        try:
            state = PreprocessState.model_validate_json(files[STATE_FILE])
            net = TabularNet(state.net)
            net.load_state_dict(load_safetensors(files[WEIGHTS_FILE]), strict=True)
        except Exception as e:  # pydantic, safetensors and torch each raise their own types
            raise ModelLoadError(f"version {version}: {e}") from e
        net.eval()
        for p in net.parameters():
            p.requires_grad_(False)
        return cls(version, state, net, FoldedNet(net).eval(), RowEncoder(state))

    @property
    def columns(self) -> dict[str, str]:
        return dict(self.state.inputs)

    def forward(self, x_cat: np.ndarray, x_cont: np.ndarray) -> np.ndarray:
        with torch.inference_mode():
            # The folded form: same function, fewer and cheaper torch calls at every batch size.
            out = self.folded(torch.from_numpy(x_cat), torch.from_numpy(x_cont))
        result: np.ndarray = out[:, 0].numpy()
        return result

    def predict(self, rows: list[Any]) -> np.ndarray:
        """Predictions (float32, one per row); raises RowError for rows that do not fit the schema."""
        return self.forward(*self.encoder.encode(rows))
