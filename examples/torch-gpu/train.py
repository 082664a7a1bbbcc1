#!/usr/bin/env python3
"""Trains a small classifier with PyTorch on the GPU mlreg gives the run (CPU when there is none),
under mlreg's trainer protocol: the seed, params and metrics file come from the environment
(MLREG_SEED, MLREG_PARAMS, MLREG_METRICS_FILE); each epoch streams an `MLREG_METRIC {json}` line;
the final test accuracy and cross-entropy are written to the metrics file.

The data is synthetic, drawn from a fixed "teacher" network, so nothing is downloaded: the
teacher (and so the task) is the same for every run; the seed decides the sample drawn from it,
the student's initialisation and the order of the minibatches.

mlreg confines each run to one device with CUDA_VISIBLE_DEVICES (runner.gpus), so the run sees
that device as cuda:0. MLREG_GPU names the physical device, for the log line only.

Params: epochs (8), hidden (256), lr (1e-3), batch_size (256), train_size (20000),
softmax_bug (false: when true, softmax probabilities are fed to a loss that expects logits,
the classic silent bug: the model still trains, a little worse).
"""
import json
import os
import sys
import time

import torch
import torch.nn.functional as F
from torch import nn

TEACHER_SEED = 1234
FEATURES = 32
CLASSES = 10


def teacher() -> nn.Module:
    """The fixed network whose (noisy) labels the student learns; identical in every run."""
    generator = torch.Generator().manual_seed(TEACHER_SEED)
    net = nn.Sequential(nn.Linear(FEATURES, 64), nn.Tanh(), nn.Linear(64, CLASSES))
    with torch.no_grad():
        for parameter in net.parameters():
            parameter.copy_(torch.randn(parameter.shape, generator=generator) * 1.5)
    return net


def sample(net: nn.Module, n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.randn(n, FEATURES, generator=generator)
    with torch.no_grad():
        logits = net(x) + 0.5 * torch.randn(n, CLASSES, generator=generator)
    return x, logits.argmax(dim=1)


def main() -> None:
    seed = int(os.environ["MLREG_SEED"])
    params = json.loads(os.environ.get("MLREG_PARAMS", "{}"))
    metrics_file = os.environ["MLREG_METRICS_FILE"]
    epochs = int(params.get("epochs", 8))
    hidden = int(params.get("hidden", 256))
    lr = float(params.get("lr", 1e-3))
    batch_size = int(params.get("batch_size", 256))
    train_size = int(params.get("train_size", 20000))
    softmax_bug = bool(params.get("softmax_bug", False))

    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    where = f"GPU {os.environ.get('MLREG_GPU', '?')} ({torch.cuda.get_device_name(0)})" if device.type == "cuda" else "CPU"
    print(f"seed {seed} on {where}", file=sys.stderr)

    torch.manual_seed(seed)
    data = torch.Generator().manual_seed(seed)
    net = teacher()
    x_train, y_train = sample(net, train_size, data)
    x_test, y_test = sample(net, 10000, torch.Generator().manual_seed(10_000 + seed))
    x_train, y_train, x_test, y_test = (t.to(device) for t in (x_train, y_train, x_test, y_test))

    model = nn.Sequential(nn.Linear(FEATURES, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, CLASSES)).to(device)
    optimiser = torch.optim.Adam(model.parameters(), lr=lr)
    order = torch.Generator().manual_seed(seed + 1)

    for epoch in range(1, epochs + 1):
        started = time.perf_counter()
        model.train()
        for batch in torch.randperm(train_size, generator=order).split(batch_size):
            batch = batch.to(device)
            output = model(x_train[batch])
            if softmax_bug:
                output = output.softmax(dim=1)  # the bug: cross_entropy expects logits
            loss = F.cross_entropy(output, y_train[batch])
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
        accuracy, test_loss = evaluate(model, x_test, y_test)
        point = {"step": epoch, "accuracy": accuracy, "test_loss": test_loss, "epoch_seconds": time.perf_counter() - started}
        print(f"MLREG_METRIC {json.dumps(point)}", flush=True)

    accuracy, test_loss = evaluate(model, x_test, y_test)
    with open(metrics_file, "w", encoding="utf-8") as out:
        json.dump({"accuracy": accuracy, "test_loss": test_loss}, out)


@torch.no_grad()
def evaluate(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    model.eval()
    logits = model(x)
    return (logits.argmax(dim=1) == y).float().mean().item(), F.cross_entropy(logits, y).item()


if __name__ == "__main__":
    main()
