"""Read the remote-processor table of platform/ABI.md (the single source of
the numbers), so the DT, the overlay check and the tests cannot drift from it.

remotes(abi) is the default platform; remotes(abi, "dtb") the DTB profile
(FEAT_DTB_PROFILE): the same five with the row of ABI.md's "The DTB profile"
table in place of the one with its idx."""
import sys

COLS = ("idx", "name", "compatible", "pas_id", "carveout", "size", "sid", "spi",
        "dtb_pas_id", "dtb_carveout", "dtb_size")
INTS = ("idx", "pas_id", "carveout", "size", "sid", "spi", "dtb_pas_id", "dtb_carveout", "dtb_size")


def _tables(abi_path):
    """[(header, rows)] of every table whose header starts with | idx | name | compatible."""
    tables, rows, in_table = [], None, False
    for line in open(abi_path, encoding="utf-8"):
        if line.startswith("| idx | name | compatible"):
            rows = []
            tables.append((line, rows))
            in_table = True
            continue
        if in_table:
            if not line.startswith("|"):
                in_table = False
                continue
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if set(cells[0]) <= set("-"):
                continue
            r = dict(zip(COLS, cells))
            for k in INTS:
                if k in r:
                    r[k] = int(r[k], 0)
            rows.append(r)
    return tables


def remotes(abi_path, profile=""):
    tables = _tables(abi_path)
    rows = [dict(r) for r in tables[0][1]] if tables else []
    if len(rows) != 5:
        sys.exit(f"{abi_path}: expected 5 remote processors, found {len(rows)}")
    if profile == "dtb":
        dtb = [t for h, t in tables if "dtb_pas_id" in h]
        if len(dtb) != 1 or len(dtb[0]) != 1:
            sys.exit(f"{abi_path}: expected one \"The DTB profile\" table with one row")
        r = dtb[0][0]
        rows[r["idx"]] = dict(r)
    elif profile:
        sys.exit(f"unknown platform profile '{profile}' (dtb)")
    return rows


# DT labels that are not remoteproc_<name> (as sa8775p.dtsi has them): the
# DTB profile's remote is x1e80100.dtsi's CDSP.
LABELS = {"cdsp-dtb": "remoteproc_cdsp"}


def label(name):
    return LABELS.get(name, "remoteproc_" + name)
