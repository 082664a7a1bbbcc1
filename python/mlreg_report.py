"""Report a training run to mlreg: one call per step, one at the end.

A single file with no dependencies beyond Python 3's standard library; copy it next to your
trainer (``mlreg init`` does) and::

    import mlreg_report

    seed, params = mlreg_report.seed(), mlreg_report.params()
    for step in range(steps):
        ...
        mlreg_report.log(step, loss=loss)          # a point of the learning curve
    mlreg_report.final(loss=loss, accuracy=acc)    # the final metrics mlreg compares

It follows mlreg's trainer protocol (the ``command`` adapter): ``log`` prints an
``MLREG_METRIC {json}`` line to stdout, ``final`` writes the metrics to ``MLREG_METRICS_FILE``,
``link`` prints ``MLREG_LINK <url>`` (a W&B run page, say) for the reports. Outside mlreg (no
``MLREG_METRICS_FILE``), ``final`` prints the metrics instead, so the trainer runs on its own too.
A NaN or infinite metric is written as such: mlreg records the run as invalid, as it should.
"""
import json
import math
import os
import sys

__all__ = ["seed", "params", "run_dir", "log", "final", "link"]


def seed(default=0):
    """The seed of this run (``MLREG_SEED``), or ``default`` outside mlreg."""
    return int(os.environ.get("MLREG_SEED", default))


def params():
    """The config's params (``MLREG_PARAMS``) as a dict; empty outside mlreg."""
    return json.loads(os.environ.get("MLREG_PARAMS", "{}"))


def run_dir():
    """This run's own directory (``MLREG_RUN_DIR``), or the current directory outside mlreg."""
    return os.environ.get("MLREG_RUN_DIR", os.getcwd())


def log(step=None, **metrics):
    """Streams one point of the learning curves: ``log(100, loss=0.31)``."""
    point = {} if step is None else {"step": int(step)}
    point.update({name: _number(name, value) for name, value in metrics.items()})
    _say("MLREG_METRIC " + _json(point))


def final(**metrics):
    """Writes the final metrics, which mlreg compares with the baseline: ``final(loss=0.29)``."""
    values = {name: _number(name, value) for name, value in metrics.items()}
    path = os.environ.get("MLREG_METRICS_FILE")
    if not path:
        _say(_json(values))
        return
    with open(path, "w", encoding="utf-8") as out:
        out.write(_json(values))


def link(url):
    """Names a page about this run (an experiment tracker's), shown in mlreg's reports."""
    _say("MLREG_LINK " + str(url).strip())


def _number(name, value):
    try:
        return float(value)
    except (TypeError, ValueError):
        raise TypeError("metric %r: expected a number, received %r" % (name, value)) from None


def _json(values):
    # NaN and infinities are written as JSON's non-standard tokens, which mlreg reads and rejects.
    return json.dumps(values, allow_nan=True)


def _say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
