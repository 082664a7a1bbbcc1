#!/usr/bin/env python3
"""Trains a logistic-regression classifier on scikit-learn's digits with SGD, under mlreg's
trainer protocol through mlreg_report.py (the package's python/mlreg_report.py, which
`mlreg init` copies next to a trainer): the seed and params come from mlreg, each epoch streams
a point of the learning curves (`mlreg_report.log`), the final test accuracy and log-loss are
written to the metrics file (`mlreg_report.final`).

The seed decides the train/test split, the model's initialisation and the order of examples in
every epoch, so runs with different seeds form the distribution mlreg compares.

Params: epochs (20), alpha (1e-4, L2 penalty), eta0 (0.01, the constant learning rate),
scale (true: standardise the pixels), bugs.eval_on_train (false: a metric bug that scores the
model on its training split, for the ablation that shows mlreg's suspicious verdict).
"""
import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import SGDClassifier
from sklearn.metrics import accuracy_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

import mlreg_report


def main() -> None:
    seed, params = mlreg_report.seed(), mlreg_report.params()
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
        mlreg_report.log(epoch, accuracy=accuracy, log_loss=loss)

    mlreg_report.final(accuracy=accuracy, log_loss=loss)


if __name__ == "__main__":
    main()
