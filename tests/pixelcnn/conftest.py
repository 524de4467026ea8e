"""This topic's unit tests run small models: one torch thread is fastest for them, and
it stays fast when the machine is busy (two threads wait on each other there)."""

import pytest
import torch


@pytest.fixture(autouse=True)
def one_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
