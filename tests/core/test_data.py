"""The shipped digits: split sizes, stratification, that the three splits never share a
digit, and that the stored split and binarized copy are exactly what
scripts/make_mnist.py makes from the images."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from playground import data

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_mnist.py"


@pytest.fixture(scope="module")
def make_mnist():
    spec = importlib.util.spec_from_file_location("make_mnist", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_split_sizes():
    for split, n in {"train": 8000, "validation": 1000, "test": 1000, "train+validation": 9000}.items():
        x, y = data.digits(split)
        assert x.shape == (n, 28, 28) and y.shape == (n,), split
        assert x.dtype == np.uint8 and 200 < x.max() <= 255
    assert data.SIZES == {"train": 8000, "validation": 1000, "test": 1000}


def _keys(images: np.ndarray) -> set[bytes]:
    return {im.tobytes() for im in images}


def test_splits_never_share_a_digit():
    train, val, test = (_keys(data.digits(s)[0]) for s in ("train", "validation", "test"))
    assert not (train & val) and not (train & test) and not (val & test)
    # train+validation is exactly the union of the two, in the file's order
    code = data._arrays()["split"]
    both = data.digits("train+validation")[0]
    assert np.array_equal(both, data.digits("all")[0][(code == 0) | (code == 2)])


@pytest.mark.parametrize("split", ["validation", "test"])
def test_split_is_stratified(split):
    _, y_all = data.digits("all")
    _, y_held = data.digits(split)
    share = np.bincount(y_held, minlength=10) / np.bincount(y_all, minlength=10)
    # every class gives 10% of its digits to each, give or take one digit
    assert np.all(np.abs(share - 0.1) < 0.0015), share
    assert set(np.unique(y_held)) == set(range(10))


def test_binarized_is_one_bernoulli_draw_of_the_grey_levels():
    grey, _ = data.digits("all")
    binar, _ = data.digits("all", binarized=True)
    assert set(np.unique(binar)) == {0, 1}
    p = grey / 255.0
    # pure black pixels never turn on, pure white ones always do
    assert binar[p == 0].max() == 0 and binar[p == 1].min() == 1
    # mid-grey pixels turn on about as often as their grey level says
    mid = (p > 0.3) & (p < 0.7)
    assert abs(binar[mid].mean() - p[mid].mean()) < 0.01


def test_stored_split_and_binarization_are_reproducible(make_mnist):
    grey, labels = data.digits("all")
    split = data._arrays()["split"]
    assert np.array_equal(make_mnist.three_way_split(labels), split)
    # the test digits are the ones the earlier two-way split held out: the numbers of models
    # trained before the validation split (the GAN tab's) are on the same digits
    assert np.array_equal(make_mnist.stratified_split(labels, 1000, make_mnist.SPLIT_SEED) == 1,
                          split == make_mnist.TEST)
    assert np.array_equal(make_mnist.binarize(grey, make_mnist.BINARIZE_SEED),
                          data.digits("all", binarized=True)[0])


def test_tensors_and_loader():
    x, y = data.tensors("test", binarized=True)
    assert x.shape == (1000, 1, 28, 28) and x.dtype.is_floating_point
    assert set(x.unique().tolist()) == {0.0, 1.0}
    xg, _ = data.tensors("test")
    assert 0.0 <= xg.min() and xg.max() <= 1.0
    batch, labels = next(iter(data.loader("train", batch_size=32)))
    assert batch.shape == (32, 1, 28, 28) and labels.shape == (32,)


def test_unknown_split_is_refused():
    with pytest.raises(ValueError, match="split"):
        data.digits("heldout")   # the old name of "test": refused, not silently remapped
