"""FoldedNet computes what TabularNet computes, for each structure fastai's TabularModel can take."""

from __future__ import annotations

import pytest
import torch
from app.model.folded import FoldedNet
from app.model.network import TabularNet
from app.model.state import NetConfig


@pytest.mark.parametrize(
    "cfg",
    [
        NetConfig(emb_szs=[], n_cont=3, layers=[8, 4], ps=[0, 0], y_range=(0, 5)),
        NetConfig(emb_szs=[(4, 3)], n_cont=0, layers=[8], ps=[0], bn_final=True),
        NetConfig(emb_szs=[(4, 3), (3, 2)], n_cont=2, layers=[8], ps=[0.1], use_bn=False),
        NetConfig(emb_szs=[(5, 3)], n_cont=2, layers=[16, 8, 4], ps=[0, 0, 0], bn_cont=False),
    ],
)
def test_folded_equals_plain(cfg: NetConfig) -> None:
    torch.manual_seed(0)
    net = TabularNet(cfg)
    for m in net.modules():  # non-trivial running statistics, as after training
        if isinstance(m, torch.nn.BatchNorm1d):
            m.running_mean.uniform_(-1, 1)
            m.running_var.uniform_(0.5, 2)
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.5, 0.5)
    net.eval()
    x_cat = torch.randint(0, 3, (64, len(cfg.emb_szs)))
    x_cont = torch.randn(64, cfg.n_cont)
    with torch.inference_mode():
        torch.testing.assert_close(FoldedNet(net)(x_cat, x_cont), net(x_cat, x_cont), atol=1e-5, rtol=0)
