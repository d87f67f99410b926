"""Read the remote-processor table of platform/ABI.md (the single source of
the numbers), so the DT, the overlay check and the tests cannot drift from it."""
import re
import sys

COLS = ("idx", "name", "compatible", "pas_id", "carveout", "size", "sid", "spi")


def remotes(abi_path):
    rows = []
    in_table = False
    for line in open(abi_path, encoding="utf-8"):
        if line.startswith("| idx | name | compatible"):
            in_table = True
            continue
        if in_table:
            if not line.startswith("|"):
                break
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if set(cells[0]) <= set("-"):
                continue
            r = dict(zip(COLS, cells))
            for k in ("idx", "pas_id", "carveout", "size", "sid", "spi"):
                r[k] = int(r[k], 0)
            rows.append(r)
    if len(rows) != 5:
        sys.exit(f"{abi_path}: expected 5 remote processors, found {len(rows)}")
    return rows
