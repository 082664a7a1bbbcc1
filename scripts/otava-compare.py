"""Runs Apache Otava's change-point detection on series given as JSON, for npm run bench:history.

Usage: /usr/bin/python3 scripts/otava-compare.py OTAVA_SOURCE_DIR < {"series": [[...], ...], "window": 50, "max_pvalue": 0.001}
Prints {"indices": [[...], ...], "cpuSeconds": [...]} — Otava's change point indices per series and
the CPU time of each call. OTAVA_SOURCE_DIR is a checkout of github.com/apache/otava (the
directory holding the otava package); nothing of it is copied here.
"""
import json
import sys
import time

sys.path.insert(0, sys.argv[1])
from otava.analysis import compute_change_points  # noqa: E402

request = json.load(sys.stdin)
indices = []
seconds = []
for series in request["series"]:
    started = time.process_time()
    change_points, _ = compute_change_points(
        series, window_len=request.get("window", 50), max_pvalue=request.get("max_pvalue", 0.001), min_magnitude=request.get("min_magnitude", 0.0)
    )
    seconds.append(time.process_time() - started)
    indices.append([int(c.index) for c in change_points])
json.dump({"indices": indices, "cpuSeconds": seconds}, sys.stdout)
