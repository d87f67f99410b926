#!/usr/bin/env python3
"""overlay_agrees.py REMOTES_C NOQHEE_DTS ABI_MD OVERLAY_SOURCE

KTAP check that the double's expected table (platform/firmware/src/remotes.c:
SID and devmem windows per remote) agrees with what the series' overlay puts
in the no-QHEE DT (decompiled noqhee.dtb), and with ABI.md's table. Exit 0 if
all agree, 1 otherwise, 4 (skip) while the overlay is only the placeholder."""
import re
import sys

sys.path.insert(0, __file__.rsplit("/", 3)[0] + "/platform/dts")
from abi_table import remotes  # noqa: E402


def double_table(path):
    src = open(path, encoding="utf-8").read()
    windows = {}
    for name, body in re.findall(r"struct devmem (\w+)\[\] = \{(.*?)\};", src, re.S):
        windows[name] = [tuple(int(x, 0) for x in m)
                         for m in re.findall(r"\{\s*(0x[0-9a-fA-F]+|\d+),\s*(0x[0-9a-fA-F]+|\d+),\s*(\d+)\s*\}", body)]
    table = {}
    for m in re.finditer(r'\{\s*"(\w+)",\s*(\d+),\s*(0x[0-9a-f]+),\s*(0x[0-9a-f]+),\s*(0x[0-9a-f]+),\s*(\d+),\s*(\w+),', src):
        name, pas, base, size, sid, spi, dm = m.groups()
        table[name] = {"pas_id": int(pas), "carveout": int(base, 16), "size": int(size, 16),
                       "sid": int(sid, 16), "spi": int(spi),
                       "devmem": sorted(windows.get(dm, []))}
    return table


def dt_table(path):
    text = open(path, encoding="utf-8").read()
    table = {}
    for body in re.findall(r"\n\tremoteproc@[0-9a-f]+ \{(.*?)\n\t\};", text, re.S):
        comp = re.search(r'compatible = "qcom,sa8775p-(\w+)-pas"', body).group(1)
        cells = lambda prop: [int(x, 16) for x in re.search(rf"\s{prop} = <([^>]*)>;", body).group(1).split()] \
            if re.search(rf"\s{prop} = <", body) else []
        iommus = cells("iommus")
        dm = cells("qcom,devmem")
        quads = [tuple(dm[i:i + 4]) for i in range(0, len(dm), 4)]
        table[comp] = {"iommus": iommus, "devmem": quads}
    return table


def main():
    remotes_c, dts, abi, source = sys.argv[1:5]
    print("KTAP version 1")
    if open(source).read().startswith("placeholder"):
        print("1..0 # SKIP the series has no sa8775p-el2.dtso yet (overlay is the ABI.md placeholder)")
        return 4
    dbl, dt = double_table(remotes_c), dt_table(dts)
    abi_rows = {r["name"]: r for r in remotes(abi)}
    names = sorted(abi_rows)
    print(f"1..{len(names)}")
    fails = 0
    for i, n in enumerate(names, 1):
        why = []
        d, t, a = dbl.get(n), dt.get(n), abi_rows[n]
        if d is None:
            why.append("missing from the double's table")
        elif t is None:
            why.append("no PAS node in the DT")
        else:
            for k in ("pas_id", "carveout", "size", "sid", "spi"):
                if d[k] != a[k]:
                    why.append(f"{k}: double {d[k]:#x} != ABI.md {a[k]:#x}")
            if t["iommus"][1:] != [d["sid"]]:
                why.append(f"iommus {[hex(x) for x in t['iommus'][1:]]} != double SID {d['sid']:#x}")
            got = sorted((da, size, fl) for da, pa, size, fl in t["devmem"])
            ident = all(da == pa for da, pa, _, _ in t["devmem"])
            if not ident:
                why.append("a devmem window is not identity (da != pa)")
            if got != d["devmem"]:
                only_dt = sorted(set(got) - set(d["devmem"]))
                only_dbl = sorted(set(d["devmem"]) - set(got))
                why.append(f"devmem differs: overlay-only {[tuple(map(hex, w)) for w in only_dt]}, "
                           f"double-only {[tuple(map(hex, w)) for w in only_dbl]}")
            print(f"# {n}: SID {d['sid']:#x}, {len(d['devmem'])} devmem windows in the double, {len(got)} in the overlay")
        if why:
            fails += 1
            for w in why:
                print(f"# {n}: {w}")
            print(f"not ok {i} {n} overlay agrees with the double")
        else:
            print(f"ok {i} {n} overlay agrees with the double")
    print(f"# {len(names) - fails} agree, {fails} differ")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
