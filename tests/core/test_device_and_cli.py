"""Device selection, the app's flags and environment variables, the trainer CLI."""

import subprocess
import sys
from pathlib import Path

import pytest
import torch

from playground import device, train

REPO = Path(__file__).resolve().parents[2]


def _load_app_module():
    import importlib.util
    spec = importlib.util.spec_from_file_location("app_main", REPO / "app.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_auto_prefers_cuda_then_mps_then_cpu(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device, "_mps_available", lambda: False)
    assert device.pick("auto").type == "cpu"
    monkeypatch.setattr(device, "_mps_available", lambda: True)
    assert device.pick("auto").type == "mps"
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    assert device.pick("auto").type == "cuda"


def test_explicit_device_that_is_absent_is_refused(monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device, "_mps_available", lambda: False)
    with pytest.raises(device.DeviceUnavailable, match="no CUDA"):
        device.pick("cuda")
    with pytest.raises(device.DeviceUnavailable, match="MPS"):
        device.pick("mps")
    with pytest.raises(ValueError, match="unknown device"):
        device.pick("tpu")
    assert device.pick("cpu").type == "cpu"


def test_configure_sets_threads_and_footer_line():
    dev = device.configure("cpu", threads=1)
    assert dev.type == "cpu" and torch.get_num_threads() == 1
    assert "Device: CPU" in device.describe() and "CPU threads: 1" in device.describe()
    device.configure("cpu")


def test_flags_and_environment(monkeypatch):
    app = _load_app_module()
    for var in ("PLAYGROUND_HOST", "PLAYGROUND_PORT", "PLAYGROUND_SHARE", "PLAYGROUND_DEVICE",
                "GRADIO_SERVER_NAME", "GRADIO_SERVER_PORT", "SPACE_ID"):
        monkeypatch.delenv(var, raising=False)
    a = app.parse_args([])
    assert (a.host, a.port, a.share, a.device) == ("127.0.0.1", 7860, False, "auto")
    a = app.parse_args(["--host", "0.0.0.0", "--port", "8000", "--share", "--device", "cpu"])
    assert (a.host, a.port, a.share, a.device) == ("0.0.0.0", 8000, True, "cpu")
    monkeypatch.setenv("PLAYGROUND_HOST", "0.0.0.0")
    monkeypatch.setenv("PLAYGROUND_PORT", "9000")
    monkeypatch.setenv("PLAYGROUND_SHARE", "1")
    monkeypatch.setenv("PLAYGROUND_DEVICE", "cpu")
    a = app.parse_args([])
    assert (a.host, a.port, a.share, a.device) == ("0.0.0.0", 9000, True, "cpu")
    assert app.parse_args(["--port", "9100"]).port == 9100  # a flag beats the environment
    monkeypatch.delenv("PLAYGROUND_HOST")
    monkeypatch.setenv("SPACE_ID", "someone/playground")
    assert app.parse_args([]).host == "0.0.0.0"  # a Space must listen on all interfaces
    with pytest.raises(SystemExit):
        app.parse_args(["--device", "tpu"])


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has CUDA")
def test_app_refuses_a_missing_gpu_clearly():
    r = subprocess.run([sys.executable, "app.py", "--device", "cuda", "--port", "1"], cwd=REPO,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "no CUDA GPU" in r.stderr


def test_trainer_registry_and_reproducing_command():
    @train.register("test_toy", help="a toy", epochs=3, lr=0.1)
    def _toy(run):
        pass

    t = train.TRAINERS["test_toy"]
    opts = train._parser(t).parse_args(["--epochs", "5", "--seed", "7"])
    assert (opts.epochs, opts.lr, opts.seed) == (5, 0.1, 7)
    assert train._command(t, opts) == "python -m playground.train test_toy --seed 7 --epochs 5"
    del train.TRAINERS["test_toy"]


def test_train_cli_lists_trainers():
    r = subprocess.run([sys.executable, "-m", "playground.train", "--list"], cwd=REPO,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and "trainers:" in r.stdout
    # `-m` runs the module as __main__: the CLI must still see what the topics registered
    # in playground.train (a regression once listed nothing and refused every name)
    train.load_trainers()
    listed = r.stdout.split("trainers:")[1].split()
    assert train.TRAINERS and all(name in listed for name in train.TRAINERS)
