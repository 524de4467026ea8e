"""The recurrent loops here are many tiny steps: one torch thread is fastest (and fair
to the other tests sharing this machine)."""

import pytest
import torch


@pytest.fixture(autouse=True)
def _one_torch_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)
