#!/usr/bin/env python3
"""A trainer for mlreg: replace the toy model below with your training.

mlreg runs this once per seed (configs/head.yaml, `trainer.command`). mlreg_report.py, next to
this file, speaks mlreg's trainer protocol: `seed()` and `params()` say what to train,
`log(step, ...)` streams the learning curves, `final(...)` reports the metrics mlreg compares
with the baseline. A crash, a timeout or a NaN metric is recorded as a failed run.
"""
import random

import mlreg_report


def main():
    seed, params = mlreg_report.seed(), mlreg_report.params()
    rng = random.Random(seed)  # seed everything your training draws from: data order, init, dropout
    learning_rate = float(params.get("learning_rate", 0.1))
    steps = int(params.get("steps", 200))
    width = int(params.get("width", 16))

    # The toy model: the loss falls towards a floor that a wider model lowers, with seed noise.
    floor = 0.2 + 1.0 / width + rng.gauss(0, 0.005)
    loss = 2.0
    for step in range(1, steps + 1):
        loss = floor + (loss - floor) * (1 - learning_rate)
        if step % 20 == 0 or step == steps:
            mlreg_report.log(step, loss=loss)
    accuracy = 1 - loss / 3 + rng.gauss(0, 0.005)

    mlreg_report.final(loss=loss, accuracy=accuracy)


if __name__ == "__main__":
    main()
