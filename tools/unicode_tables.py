#!/usr/bin/env python3
"""Write src/page/unicode.rs: the two Unicode properties docutils' grid-table reader uses.

docutils counts a character as two columns when unicodedata.east_asian_width() is W or F and as
zero columns when unicodedata.combining() is not 0. The tables come from the unicodedata of the
Python that docutils runs on (3.11: Unicode 14.0.0), so the reader measures text exactly as
docutils does, which a Rust crate with newer Unicode data would not.

Usage: python3 tools/unicode_tables.py > src/page/unicode.rs
The test `unicode_tables_are_current` runs this script and compares its output with the file.
"""
import sys
import unicodedata


def ranges(pred):
    out, start = [], None
    for cp in range(0x110000 + 1):
        inside = cp <= 0x10FFFF and pred(chr(cp))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            out.append((start, cp - 1))
            start = None
    return out


def table(name, doc, rs):
    lines = [f"/// {doc}", f"pub const {name}: &[(u32, u32)] = &["]
    row = []
    for a, b in rs:
        row.append(f"(0x{a:X}, 0x{b:X}),")
        if len(row) == 6:
            lines.append("    " + " ".join(row))
            row = []
    if row:
        lines.append("    " + " ".join(row))
    lines.append("];")
    return "\n".join(lines)


print(f"""// Unicode {unicodedata.unidata_version} property ranges, written by tools/unicode_tables.py from
// Python's unicodedata (the data docutils measures table columns with). Do not edit by hand.
""")
print(table("WIDE", "Characters whose East Asian Width is W or F: two columns wide.",
            ranges(lambda c: unicodedata.east_asian_width(c) in "WF")))
print()
print(table("COMBINING", "Characters with a canonical combining class other than 0: zero columns wide.",
            ranges(lambda c: unicodedata.combining(c) != 0)))
