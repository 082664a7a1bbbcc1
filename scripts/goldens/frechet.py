"""Writes test/trainers/builtin/fixtures/frechet-golden.json: Fréchet distances computed with
SciPy the way pytorch-fid does (scipy.linalg.sqrtm of Σ₁Σ₂), for sample sets the TypeScript
implementation must reproduce.

Run: python3 scripts/goldens/frechet.py   (needs numpy and scipy; apt-get install python3-scipy)
"""
import json
import pathlib

import numpy as np
import scipy
from scipy import linalg

OUT = pathlib.Path(__file__).resolve().parents[2] / "test/trainers/builtin/fixtures/frechet-golden.json"


def frechet(a: np.ndarray, b: np.ndarray) -> float:
    mu1, mu2 = a.mean(axis=0), b.mean(axis=0)
    s1, s2 = np.atleast_2d(np.cov(a, rowvar=False)), np.atleast_2d(np.cov(b, rowvar=False))
    covmean = linalg.sqrtm(s1 @ s2)
    covmean = np.real(covmean)
    diff = mu1 - mu2
    return float(diff @ diff + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


def correlated(rng: np.random.Generator, n: int, d: int, shift: float) -> np.ndarray:
    mixing = rng.normal(size=(d, d)) / np.sqrt(d)
    return rng.normal(size=(n, d)) @ mixing + shift


def one_hot_joint(rng: np.random.Generator, n: int, inputs: int, classes: int, soft: bool) -> np.ndarray:
    """Inputs next to a class vector: one-hot (rank-deficient covariance) or softmax scores."""
    x = rng.normal(size=(n, inputs))
    if soft:
        logits = x[:, :classes] * 2 + rng.normal(size=(n, classes))
        y = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    else:
        y = np.eye(classes)[np.argmax(x[:, :classes] + 0.5 * rng.normal(size=(n, classes)), axis=1)]
    return np.hstack([x, 3 * y])


def main() -> None:
    rng = np.random.default_rng(20240611)
    pairs = {
        "1-d": (rng.normal(size=(30, 1)), rng.normal(2, 3, size=(25, 1))),
        "3-d shifted": (correlated(rng, 50, 3, 0.0), correlated(rng, 40, 3, 0.7)),
        "10-d correlated": (correlated(rng, 120, 10, 0.0), correlated(rng, 100, 10, 0.1)),
        "same set": (same := correlated(rng, 60, 4, 1.0), same.copy()),
        "inputs with one-hot vs soft labels": (
            one_hot_joint(rng, 200, 6, 4, soft=False),
            one_hot_joint(rng, 200, 6, 4, soft=True),
        ),
    }
    cases = [
        {"name": name, "a": a.tolist(), "b": b.tolist(), "expected": frechet(a, b)}
        for name, (a, b) in pairs.items()
    ]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "source": f"scripts/goldens/frechet.py with numpy {np.__version__}, scipy {scipy.__version__}",
        "cases": cases,
    }
    OUT.write_text(json.dumps(document) + "\n")
    for case in cases:
        print(f"{case['name']}: {case['expected']!r}")


if __name__ == "__main__":
    main()
