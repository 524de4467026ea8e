"""Add the held-out (test-split) metrics to every DCGAN timeline's manifest entry.

    python scripts/gan_heldout_metrics.py

The generators are the saved ones (pretrained/gan_dcgan_*.safetensors); the numbers are
playground.gan.train.heldout_metrics: the Frechet distance of 1,000 fresh samples to the
1,000 test digits in the digit classifier's features, and the total variation between the
classes the samples are taken for and the test digits' classes.
"""

from __future__ import annotations

import json

import torch

from playground import weights
from playground.gan import mnist, model
from playground.gan.train import heldout_metrics


def main() -> None:
    torch.set_num_threads(1)
    for run, name in mnist.RUNS.items():
        state, entry = weights.load_state_dict(name)
        G = model.build_generator(entry["config"])
        G.load_state_dict({k[len("generator."):]: v for k, v in state.items() if k.startswith("generator.")})
        metrics = heldout_metrics(G.eval())
        weights.update_metrics(name, **metrics)
        print(run, json.dumps({k: round(v, 4) for k, v in metrics.items()}))


if __name__ == "__main__":
    main()
