"""GAN models in the syllabus' notation (section 5), in PyTorch.

* The minimax game and its losses, written once as plain functions of D's
  outputs (`d_real` = D(x), `d_fake` = D(G(z))). The live 2-D trainer
  (`toy.py`) uses a hand-written NumPy twin of these for speed; the tests check
  the twin against these with autograd.
* The DCGAN generator and discriminator for 28x28 digits (PyTorch examples'
  dcgan, resized for MNIST: no fully connected layers, batch norm, ReLU in G,
  LeakyReLU in D).
* A small digit classifier that labels generated digits (which modes did the
  generator cover?).
"""

from __future__ import annotations

import torch
from torch import nn
import torch.nn.functional as F

EPS = 1e-7


# --- the game ---------------------------------------------------------------

def optimal_discriminator(p_data: torch.Tensor, p_g: torch.Tensor) -> torch.Tensor:
    """For a fixed G the best D is D*(x) = p_data(x) / (p_data(x) + p_G(x))."""
    return p_data / (p_data + p_g)


def value(d_real: torch.Tensor, d_fake: torch.Tensor) -> torch.Tensor:
    """V(D, G) = E[log D(x)] + E[log(1 - D(G(z)))]: D maximises it, G minimises it."""
    return torch.log(d_real + EPS).mean() + torch.log(1 - d_fake + EPS).mean()


def d_loss(d_real: torch.Tensor, d_fake: torch.Tensor) -> torch.Tensor:
    """D's loss is -V: binary cross-entropy with real = 1, fake = 0."""
    return -value(d_real, d_fake)


def g_loss_saturating(d_fake: torch.Tensor) -> torch.Tensor:
    """The minimax generator loss E[log(1 - D(G(z)))]: flat when D(G(z)) ~ 0."""
    return torch.log(1 - d_fake + EPS).mean()


def g_loss_non_saturating(d_fake: torch.Tensor) -> torch.Tensor:
    """The "max-max" trick -E[log D(G(z))]: steep exactly when samples are bad."""
    return -torch.log(d_fake + EPS).mean()


def d_loss_least_squares(d_real: torch.Tensor, d_fake: torch.Tensor) -> torch.Tensor:
    """LSGAN: D regresses its raw score to 1 on real, 0 on fake."""
    return 0.5 * ((d_real - 1) ** 2).mean() + 0.5 * (d_fake ** 2).mean()


def g_loss_least_squares(d_fake: torch.Tensor) -> torch.Tensor:
    """LSGAN: G pushes the score of its samples towards 1."""
    return 0.5 * ((d_fake - 1) ** 2).mean()


def jensen_shannon(p: torch.Tensor, q: torch.Tensor) -> torch.Tensor:
    """JSD(p || q) of two discrete distributions (nats). With D*, V = 2 JSD - log 4."""
    m = 0.5 * (p + q)
    kl = lambda a, b: (a * torch.log((a + EPS) / (b + EPS))).sum()  # noqa: E731
    return 0.5 * kl(p, m) + 0.5 * kl(q, m)


# --- DCGAN for 28x28 digits -------------------------------------------------

class Generator(nn.Module):
    """z [N, z_dim] -> image [N, 1, 28, 28] in [-1, 1]: 1 -> 7 -> 14 -> 28 pixels."""

    def __init__(self, z_dim: int = 64, width: int = 64, batch_norm: bool = True):
        super().__init__()
        self.z_dim = z_dim
        # DCGAN's lesson: batch norm in G keeps it from collapsing all samples to one point
        norm = (lambda c: nn.BatchNorm2d(c)) if batch_norm else (lambda c: nn.Identity())
        self.net = nn.Sequential(
            nn.ConvTranspose2d(z_dim, width * 2, 7, 1, 0, bias=not batch_norm),  # 7x7
            norm(width * 2), nn.ReLU(True),
            nn.ConvTranspose2d(width * 2, width, 4, 2, 1, bias=not batch_norm),  # 14x14
            norm(width), nn.ReLU(True),
            nn.ConvTranspose2d(width, 1, 4, 2, 1),                               # 28x28
            nn.Tanh(),
        )

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.net(z.view(len(z), self.z_dim, 1, 1))


class Discriminator(nn.Module):
    """image [N, 1, 28, 28] -> logit [N] (D(x) = sigmoid(logit)): strided convs, no pooling."""

    def __init__(self, width: int = 64, batch_norm: bool = True):
        super().__init__()
        norm = nn.BatchNorm2d(width * 2) if batch_norm else nn.Identity()
        self.net = nn.Sequential(
            nn.Conv2d(1, width, 4, 2, 1), nn.LeakyReLU(0.2, True),                 # 14x14
            nn.Conv2d(width, width * 2, 4, 2, 1, bias=not batch_norm),              # 7x7
            norm, nn.LeakyReLU(0.2, True),
            nn.Conv2d(width * 2, 1, 7, 1, 0),                                       # 1x1
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x).view(-1)


def build_generator(config: dict) -> Generator:
    return Generator(z_dim=config["z_dim"], width=config["width"],
                     batch_norm=config.get("batch_norm", True))


# --- the digit classifier that judges generated digits ------------------------

class DigitClassifier(nn.Module):
    """image [N, 1, 28, 28] in [0, 1] -> logits [N, 10]. Two conv blocks and a small head."""

    def __init__(self, width: int = 32):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(),
            nn.Conv2d(width, width, 3, padding=1), nn.BatchNorm2d(width), nn.ReLU(),
            nn.MaxPool2d(2),                                                        # 14x14
            nn.Conv2d(width, 2 * width, 3, padding=1), nn.BatchNorm2d(2 * width), nn.ReLU(),
            nn.Conv2d(2 * width, 2 * width, 3, padding=1), nn.BatchNorm2d(2 * width), nn.ReLU(),
            nn.MaxPool2d(2),                                                        # 7x7
        )
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(0.3),
                                  nn.Linear(2 * width * 49, 128), nn.ReLU(),
                                  nn.Dropout(0.3), nn.Linear(128, 10))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x))


def build_classifier(config: dict) -> DigitClassifier:
    return DigitClassifier(width=config["width"])


def classify(classifier: nn.Module, images: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Images in [0, 1] -> (predicted class [N], confidence [N])."""
    with torch.no_grad():
        p = F.softmax(classifier(images), dim=1)
    confidence, label = p.max(1)
    return label, confidence


def classifier_features(classifier: DigitClassifier, images: torch.Tensor) -> torch.Tensor:
    """Images in [0, 1] [N, 1, 28, 28] -> the classifier's 128 features before its last layer."""
    classifier.eval()
    with torch.no_grad():
        return torch.cat([classifier.head[:4](classifier.features(xb)) for xb in images.split(500)])


def frechet_distance(a: torch.Tensor, b: torch.Tensor) -> float:
    """Frechet distance between Gaussians fitted to two feature sets [N, F]:
    |mu_a - mu_b|^2 + tr(S_a) + tr(S_b) - 2 tr((S_a^1/2 S_b S_a^1/2)^1/2)
    (FID's formula, here on the digit classifier's features instead of Inception's)."""
    a, b = a.double(), b.double()
    mu_a, mu_b = a.mean(0), b.mean(0)
    s_a, s_b = torch.cov(a.T), torch.cov(b.T)
    w, v = torch.linalg.eigh(s_a)
    root_a = v @ torch.diag(w.clamp(min=0).sqrt()) @ v.T
    cross = torch.linalg.eigvalsh(root_a @ s_b @ root_a).clamp(min=0).sqrt().sum()
    return float(((mu_a - mu_b) ** 2).sum() + s_a.trace() + s_b.trace() - 2 * cross)


FRAME_PX = 4           # the outer frame of a 28x28 digit
MAX_FRAME_INK = 0.1    # mean ink there: < 0.05 on every held-out digit; ~0.38 for an untrained G


def digit_like(images: torch.Tensor) -> torch.Tensor:
    """Images in [0, 1] [N, 1, 28, 28] -> [N] bool: ink centred on a dark frame, as in MNIST.

    The classifier never saw anything else, so on other images (an untrained generator's
    grey noise) its softmax means nothing: it called such noise "8" with confidence.
    """
    frame = torch.ones(28, 28, dtype=torch.bool)
    frame[FRAME_PX:-FRAME_PX, FRAME_PX:-FRAME_PX] = False
    return images[:, 0][:, frame].mean(1) <= MAX_FRAME_INK
