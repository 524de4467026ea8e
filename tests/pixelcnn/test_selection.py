"""The PixelCNN and NADE trainers choose their epoch, and halve their learning rate, on
validation NLL only (playground.pixelcnn.train.select_on_validation)."""

import math

from playground.pixelcnn.train import select_on_validation


def test_best_epoch_and_plateau_halving():
    state = {"best_nll": math.inf, "best_epoch": -1, "bad_epochs": 0, "lr": 1e-3}
    assert select_on_validation(state, 100.0, 0)                       # first: best, improved
    assert (state["best_epoch"], state["bad_epochs"], state["lr"]) == (0, 0, 1e-3)
    assert select_on_validation(state, 99.98, 1)                       # best, but by < 0.05: a plateau
    assert (state["best_nll"], state["best_epoch"], state["bad_epochs"], state["lr"]) == (99.98, 1, 1, 5e-4)
    assert not select_on_validation(state, 101.0, 2)                   # worse: not best, halved again
    assert (state["best_nll"], state["best_epoch"], state["bad_epochs"], state["lr"]) == (99.98, 1, 2, 2.5e-4)
    assert select_on_validation(state, 98.0, 3)                        # a real gain resets the count
    assert (state["best_epoch"], state["bad_epochs"], state["lr"]) == (3, 0, 2.5e-4)
