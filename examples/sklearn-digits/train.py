#!/usr/bin/env python3
"""Trains a logistic-regression classifier on scikit-learn's digits with SGD, under mlreg's
trainer protocol: the seed, params and metrics file come from the environment (MLREG_SEED,
MLREG_PARAMS, MLREG_METRICS_FILE); each epoch streams an `MLREG_METRIC {json}` line; the final
test accuracy and log-loss are written to the metrics file.

The seed decides the train/test split, the model's initialisation and the order of examples in
every epoch, so runs with different seeds form the distribution mlreg compares.

Params: epochs (20), alpha (1e-4, L2 penalty), eta0 (0.01, the constant learning rate),
scale (true: standardise the pixels), bugs.eval_on_train (false: a metric bug that scores the
model on its training split, for the ablation that shows mlreg's suspicious verdict).
"""
import json
import os

import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler


def main() -> None:
    seed = int(os.environ["MLREG_SEED"])
    params = json.loads(os.environ.get("MLREG_PARAMS", "{}"))
    metrics_file = os.environ["MLREG_METRICS_FILE"]
    epochs = int(params.get("epochs", 20))
    alpha = float(params.get("alpha", 1e-4))

    features, labels = load_digits(return_X_y=True)
    x_train, x_test, y_train, y_test = train_test_split(
        features, labels, test_size=0.25, random_state=seed, stratify=labels
    )
    if params.get("scale", True):
        scaler = StandardScaler().fit(x_train)
        x_train, x_test = scaler.transform(x_train), scaler.transform(x_test)

    # The metric bug of configs/ablations/eval-on-train.yaml: score on the examples trained on.
    x_eval, y_eval = (x_train, y_train) if params.get("bugs", {}).get("eval_on_train", False) else (x_test, y_test)

    classes = np.unique(labels)
    model = SGDClassifier(
        loss="log_loss", alpha=alpha, learning_rate="constant", eta0=float(params.get("eta0", 0.01)), random_state=seed
    )
    order = np.random.default_rng(seed)
    for epoch in range(1, epochs + 1):
        shuffled = order.permutation(len(x_train))
        model.partial_fit(x_train[shuffled], y_train[shuffled], classes=classes)
        accuracy = float(accuracy_score(y_eval, model.predict(x_eval)))
        probabilities = model.predict_proba(x_eval)
        # A diverged model predicts NaN probabilities: report NaN, which mlreg records as an invalid run.
        loss = float(log_loss(y_eval, probabilities, labels=classes)) if np.isfinite(probabilities).all() else float("nan")
        print("MLREG_METRIC " + json.dumps({"step": epoch, "accuracy": accuracy, "log_loss": loss}), flush=True)

    with open(metrics_file, "w", encoding="utf-8") as out:
        json.dump({"accuracy": accuracy, "log_loss": loss}, out)


if __name__ == "__main__":
    main()
