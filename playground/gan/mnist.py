"""The DCGAN timelines on digits: load once per process, label with the classifier, cache.

Each run's file holds the final generator (keys `generator.*`) and its timeline,
a uint8 array [snapshots, 100, 28, 28]: the same 100 noise vectors decoded at
~40 moments of training (written by `train.py`).
"""

from __future__ import annotations

import functools

import numpy as np
import torch

from playground import weights
from playground.gan import model, views

CLASSIFIER = "gan_digit_classifier"
RUNS = {"healthy": "gan_dcgan_healthy", "no_bn": "gan_dcgan_no_bn", "collapse": "gan_dcgan_collapse"}
WEIGHTS = (CLASSIFIER, *RUNS.values())
N_SNAPSHOTS = 40          # what the trainers write; the slider is built before anything loads
# A sample counts as a digit when the classifier gives that class more than half its belief;
# below, it is "not sure" (grey frame, '?' bar). Not higher: the classifier is trained with
# label smoothing, so even real held-out digits get ~0.96 (10% of them below 0.93), and a young
# GAN's honest attempts rarely pass 0.9, which would call a varied healthy run "4 classes".
MIN_CONFIDENCE = 0.5


def classifier() -> torch.nn.Module:
    return weights.get(CLASSIFIER, model.build_classifier)


def generator(run: str) -> torch.nn.Module:
    return timeline(run)["G"]


def accuracy_text() -> str:
    return f"{100 * weights.entry(CLASSIFIER)['metrics']['test_accuracy']:.1f}%"


def label(images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """uint8 [N, 28, 28] -> (class [N], sure [N] bool: a digit-like image, > 50% one class)."""
    x = torch.from_numpy(images).float().div(255).unsqueeze(1)
    cls, conf = model.classify(classifier(), x.to(next(classifier().parameters()).device))
    sure = (conf.cpu() >= MIN_CONFIDENCE) & model.digit_like(x)
    return cls.cpu().numpy(), sure.numpy()


def timeline(run: str) -> dict:
    """{'G', 'samples': uint8 [S, N, 28, 28], 'steps': [S], 'epochs'}; labels come per snapshot
    from `labels` (classifying all S x N digits up front took seconds of CPU on a page's first
    load, while the student was already watching the live GAN train)."""
    def load() -> dict:
        name = RUNS[run]
        state, entry = weights.load_state_dict(name)
        G = model.build_generator(entry["config"])
        g_state = {k[len("generator."):]: v for k, v in state.items() if k.startswith("generator.")}
        weights.check_shapes(name, G, g_state)
        G.load_state_dict(g_state)
        G.eval()
        return {"G": G, "samples": state["timeline_samples"].numpy(),
                "steps": state["timeline_steps"].numpy(), "epochs": entry["config"]["training"]["epochs"]}
    return weights.cached(f"gan:timeline:{run}", load)


@functools.lru_cache(maxsize=2 * N_SNAPSHOTS + 4)
def labels(run: str, i: int) -> tuple[np.ndarray, np.ndarray]:
    """(class [N], sure [N]) of snapshot i's digits, classified on first use."""
    return label(timeline(run)["samples"][i])


@functools.lru_cache(maxsize=2 * N_SNAPSHOTS + 4)
def _grid(run: str, i: int) -> np.ndarray:
    return views.labelled_grid(timeline(run)["samples"][i], *labels(run, i))


def run_view(run: str, i: int) -> dict:
    """One run at snapshot i: its labelled grid, labels and classes covered."""
    t = timeline(run)
    j = int(np.clip(i, 0, len(t["steps"]) - 1))
    cls, sure = labels(run, j)
    steps = t["steps"]
    return {"grid": _grid(run, j), "labels": cls, "sure": sure,
            "covered": views.covered_count(cls, sure), "step": int(steps[j]),
            "epoch": float(steps[j]) / max(1, int(steps[-1])) * t["epochs"]}


def heldout(run: str) -> dict | None:
    """The final generator's test-split numbers from the manifest (train.heldout_metrics),
    or None if they were never measured (or the run is not in the manifest)."""
    try:
        metrics = weights.entry(RUNS[run])["metrics"]
    except weights.WeightsError:
        return None
    if "heldout_frechet_classifier" not in metrics:
        return None
    return {"fd": metrics["heldout_frechet_classifier"], "ref": metrics["heldout_frechet_reference_real"],
            "tv": metrics["heldout_class_tv"]}


def snapshot_view(i: int) -> dict:
    return {run: run_view(run, i) for run in RUNS}


def fresh_samples(run: str, n: int = 100, seed: int | None = None) -> tuple[np.ndarray, int]:
    """n new samples from the final generator: (labelled grid, classes covered)."""
    g = torch.Generator().manual_seed(seed if seed is not None else int(torch.randint(0, 2**31, ())))
    G = generator(run)
    z = torch.randn(n, G.z_dim, generator=g).to(next(G.parameters()).device)
    with torch.no_grad():
        images = ((G(z).squeeze(1).clamp(-1, 1) + 1) * 127.5).round().byte().cpu().numpy()
    cls, sure = label(images)
    return views.labelled_grid(images, cls, sure), views.covered_count(cls, sure)
