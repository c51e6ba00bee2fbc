#!/usr/bin/env python3
"""Time docutils reading pages, as benches/run.sh compares it with the crate's reader.

Usage: PYTHON docutils_throughput.py FILE...   (PYTHON with docutils 0.23.1, e.g. the venv that
../shared/oracle/rst-oracle installs). For each file: the median of 5 runs (3 for files over
1 MB) of docutils.core.publish_doctree, which parses the whole page (tables included).
Prints one line per file: NAME<TAB>BYTES<TAB>SECONDS<TAB>MB/S.
"""
import statistics
import sys
import time

import docutils.core

for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    size = len(text.encode("utf-8"))
    runs = 3 if size > 1 << 20 else 5
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        docutils.core.publish_doctree(text, settings_overrides={"report_level": 5, "halt_level": 5})
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    print(f"{path}\t{size}\t{median:.6f}\t{size / median / 1e6:.3f}")
