#!/usr/bin/env python3
"""Print a CTS-style error-code page with N codes (default 10000), for the scale measurements.

Messages are varied so that the naming rule gives every code its own name.
Usage: python3 tools/synthetic_page.py 10000 > /tmp/page.rst
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
nouns = ["tracker", "bucket", "key", "trace", "notification", "topic", "project", "policy"]
verbs = ["cannot be created", "does not exist", "is invalid", "is already in use", "was deleted"]
rows = []
for i in range(n):
    code = "CTS.%05d" % i
    message = "The %s number %d %s." % (nouns[i % len(nouns)], i, verbs[i % len(verbs)])
    rows.append((str(400 + i % 100), code, message, "Description of %s." % code, "Solution for %s." % code))
header = ("Status Code", "Error Code", "Error Message", "Description", "Solution")
widths = [max(len(r[c]) for r in rows + [header]) + 2 for c in range(5)]
border = "+" + "+".join("-" * w for w in widths) + "+"
def line(r):
    return "|" + "|".join((" " + c).ljust(w) for c, w in zip(r, widths)) + "|"
out = ["Error Codes", "===========", "", border, line(header), border.replace("-", "=")]
for r in rows:
    out += [line(r), border]
print("\n".join(out))
