"""fastai's ``TabularModel`` rebuilt as a plain torch module with the same state-dict keys.

Weights exported from a fastai learner load here with ``strict=True``; at eval time both compute the same
function. Only the inference structure matters: dropout layers are kept so indices match.
"""

from __future__ import annotations

import torch
from torch import nn

from app.model.state import NetConfig


class _SigmoidRange(nn.Module):
    def __init__(self, low: float, high: float) -> None:
        super().__init__()
        self.low, self.high = low, high

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(x) * (self.high - self.low) + self.low


def _lin_bn_drop(n_in: int, n_out: int, bn: bool, p: float, act: bool) -> nn.Sequential:
    # fastai's LinBnDrop with lin_first=True (TabularModel's default): Linear, act, BatchNorm, Dropout.
    mods: list[nn.Module] = [nn.Linear(n_in, n_out, bias=not bn)]
    if act:
        mods.append(nn.ReLU(inplace=True))
    if bn:
        mods.append(nn.BatchNorm1d(n_out))
    if p != 0:
        mods.append(nn.Dropout(p))
    return nn.Sequential(*mods)


class TabularNet(nn.Module):
    def __init__(self, cfg: NetConfig) -> None:
        super().__init__()
        self.embeds = nn.ModuleList([nn.Embedding(ni, nf) for ni, nf in cfg.emb_szs])
        self.emb_drop = nn.Dropout(cfg.embed_p)
        self.bn_cont = nn.BatchNorm1d(cfg.n_cont) if cfg.bn_cont else None
        self.n_emb = sum(nf for _, nf in cfg.emb_szs)
        self.n_cont = cfg.n_cont
        sizes = [self.n_emb + cfg.n_cont, *cfg.layers, cfg.out_sz]
        ps = [*cfg.ps, 0.0]
        last = len(sizes) - 2
        layers: list[nn.Module] = [
            _lin_bn_drop(sizes[i], sizes[i + 1], cfg.use_bn and (i != last or cfg.bn_final), ps[i], i != last)
            for i in range(len(sizes) - 1)
        ]
        if cfg.y_range is not None:
            layers.append(_SigmoidRange(*cfg.y_range))
        self.layers = nn.Sequential(*layers)

    def forward(self, x_cat: torch.Tensor, x_cont: torch.Tensor) -> torch.Tensor:
        parts = [e(x_cat[:, i]) for i, e in enumerate(self.embeds)]
        if self.n_cont:
            parts.append(self.bn_cont(x_cont) if self.bn_cont is not None else x_cont)
        out: torch.Tensor = self.layers(torch.cat(parts, 1))
        return out
