#!/usr/bin/env python3
"""What each remote processor can reach through its IOMMU, as the double saw it.

Input: one file per remote, named <remote>.map, holding the double's PASD_MAP
text (one line per coalesced range: "iova pa size perms leaf count"; '#'
lines are comments).

  iommu_space.py efficiency ABI.md DIR [OVERLAY.dtso]
                                  table: leaves used vs the minimum
  iommu_space.py svg DIR OUT.svg [ABI.md OVERLAY.dtso]
                                  picture of every remote's space

The minimum is what a 4 KiB-granule LPAE table needs for what the remote must
reach: its carveout (ABI.md) and the qcom,devmem windows the series' EL2
overlay declares for it, IOVA == PA, given their alignment: at each address
the largest of 1 GiB, 2 MiB, 4 KiB leaf that is aligned, fits, and does not
straddle two permissions. Without the overlay, the minimum is taken over
what the double found mapped (then it cannot see a window mapped too much).
"""
import html
import os
import re
import sys

SIZES = {"4K": 1 << 12, "2M": 1 << 21, "1G": 1 << 30}


def parse_map(path):
    ranges = []
    for line in open(path):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        iova, pa, size, perms, leaf, count = line.split()[:6]
        ranges.append(dict(iova=int(iova, 16), pa=int(pa, 16), size=int(size, 16),
                           perms=perms, leaf=leaf, count=int(count)))
    return ranges


def min_leaves(start, size):
    n, x, end = 0, start, start + size
    while x < end:
        for p in sorted(SIZES.values(), reverse=True):
            if x % p == 0 and x + p <= end:
                x += p
                n += 1
                break
        else:
            raise ValueError(f"{start:#x}+{size:#x} is not 4 KiB aligned")
    return n


def tables_needed(regions):
    """Page-table pages a 4-level walk needs for these regions (minimum)."""
    pages = set()
    for start, size in regions:
        x, end = start, start + size
        while x < end:
            for p in sorted(SIZES.values(), reverse=True):
                if x % p == 0 and x + p <= end:
                    break
            pages.add(("L0", 0))
            pages.add(("L1", x >> 39))
            if p <= SIZES["2M"]:
                pages.add(("L2", x >> 30))
            if p == SIZES["4K"]:
                pages.add(("L3", x >> 21))
            x += p
    return len(pages)


def abi_regions(abi_path):
    """name -> [(start, size)] from ABI.md's remote table and facts."""
    text = open(abi_path).read()
    regions = {}
    for m in re.finditer(r"^\| \d \| (\w+) \| [^|]+ \| \d+ \| (0x[0-9a-f]+) \| (0x[0-9a-f]+) \|",
                         text, re.M):
        regions[m.group(1)] = [(int(m.group(2), 16), int(m.group(3), 16))]
    return regions


def overlay_windows(dtso_path):
    """name -> [(iova, size, perms)] from the overlay's qcom,devmem cells."""
    text = open(dtso_path).read()
    out = {}
    for m in re.finditer(r"&remoteproc_(\w+)\s*\{(.*?)\n\};", text, re.S):
        name, body = m.group(1), m.group(2)
        wins = []
        dm = re.search(r"qcom,devmem\s*=(.*?);", body, re.S)
        if dm:
            for cell in re.findall(r"<([^>]*)>", dm.group(1)):
                f = cell.split(None, 3)
                iova, pa, size = (int(x, 0) for x in f[:3])
                if iova != pa:
                    raise ValueError(f"{name}: window {iova:#x} is not IOVA == PA")
                wins.append((iova, size, "rw" if "WRITE" in f[3] else "r"))
        out[name] = wins
    return out


def declared(abi_path, dtso_path):
    """name -> [(start, size, perms)]: carveout rw + declared windows."""
    wins = overlay_windows(dtso_path) if dtso_path else {}
    return {n: sorted([(s, z, "rw") for s, z in r] + wins.get(n, []))
            for n, r in abi_regions(abi_path).items()}


def merge_perms(regions):
    """Contiguous regions with the same permissions become one."""
    out = []
    for s, z, p in sorted(regions):
        if out and out[-1][0] + out[-1][1] == s and out[-1][2] == p:
            out[-1] = (out[-1][0], out[-1][1] + z, p)
        else:
            out.append((s, z, p))
    return out


def figures(abi_path, mapdir, dtso_path=None):
    """[dict(name, used, minimum, tables, min_tables, exact)] per remote."""
    decl = declared(abi_path, dtso_path) if dtso_path else None
    rows = []
    for name in sorted(abi_regions(abi_path)):
        path = os.path.join(mapdir, name + ".map")
        if not os.path.exists(path):
            rows.append(dict(name=name, used=None))
            continue
        ranges = parse_map(path)
        used = sum(r["count"] for r in ranges)
        found = merge_perms([(r["iova"], r["size"], r["perms"]) for r in ranges])
        want = merge_perms(decl[name]) if decl else found
        minimum = sum(min_leaves(s, z) for s, z, _ in want)
        rows.append(dict(name=name, used=used, minimum=minimum,
                         tables=count_tables(ranges),
                         min_tables=tables_needed([(s, z) for s, z, _ in want]),
                         exact=found == want, declared=bool(decl)))
    return rows


def efficiency(abi_path, mapdir, dtso_path=None):
    rows = figures(abi_path, mapdir, dtso_path)
    print(f"{'remote':8} {'leaves':>7} {'minimum':>8} {'tables':>7} {'min tbl':>8}  verdict")
    ok = True
    for r in rows:
        if r["used"] is None:
            print(f"{r['name']:8} {'-':>7}  (no map captured)")
            ok = False
            continue
        verdict = "== minimum" if r["used"] == r["minimum"] else f"{r['used'] - r['minimum']:+d} vs minimum"
        if r["declared"]:
            verdict += ", mapped == declared" if r["exact"] else ", MAPPED != DECLARED"
        ok &= r["used"] == r["minimum"]
        print(f"{r['name']:8} {r['used']:7} {r['minimum']:8} {r['tables']:7} {r['min_tables']:8}  {verdict}")
    return ok


def merge(regions):
    out = []
    for s, z in sorted(regions):
        if out and out[-1][0] + out[-1][1] == s:
            out[-1] = (out[-1][0], out[-1][1] + z)
        else:
            out.append((s, z))
    return out


def count_tables(ranges):
    """Page-table pages implied by the leaves the double found."""
    pages = set([("L0", 0)])
    for r in ranges:
        leaf = SIZES[r["leaf"]]
        for i in range(r["count"]):
            x = r["iova"] + i * leaf
            pages.add(("L1", x >> 39))
            if leaf <= SIZES["2M"]:
                pages.add(("L2", x >> 30))
            if leaf == SIZES["4K"]:
                pages.add(("L3", x >> 21))
    return len(pages)


def human(n):
    for unit, shift in (("G", 30), ("M", 20), ("K", 10)):
        if n >= 1 << shift and n % (1 << shift) == 0:
            return f"{n >> shift}{unit}"
    return f"{n:#x}"


def svg(mapdir, out):
    names = sorted(f[:-4] for f in os.listdir(mapdir) if f.endswith(".map"))
    W, row, left = 1100, 110, 90
    parts = []
    y = 40
    for name in names:
        ranges = parse_map(os.path.join(mapdir, name + ".map"))
        parts.append(f'<text x="10" y="{y + 30}" class="n">{html.escape(name)}</text>')
        # Clusters: ranges closer than 1 MiB share a segment of the axis.
        clusters = []
        for r in sorted(ranges, key=lambda r: r["iova"]):
            if clusters and r["iova"] - (clusters[-1][-1]["iova"] + clusters[-1][-1]["size"]) < (1 << 20):
                clusters[-1].append(r)
            else:
                clusters.append([r])
        if not clusters:
            parts.append(f'<text x="{left}" y="{y + 30}">nothing mapped</text>')
        seg_w = (W - left - 20) / max(1, len(clusters)) - 20
        for ci, cl in enumerate(clusters):
            x0 = left + ci * (seg_w + 20)
            lo = cl[0]["iova"]
            hi = cl[-1]["iova"] + cl[-1]["size"]
            span = hi - lo
            for r in cl:
                x = x0 + (r["iova"] - lo) / span * seg_w
                w = max(1.0, r["size"] / span * seg_w)
                cls = ("rw" if "w" in r["perms"] else "ro") + ("b" if r["leaf"] != "4K" else "")
                tip = (f'{r["iova"]:#x}+{r["size"]:#x} -> pa {r["pa"]:#x} {r["perms"]} '
                       f'{r["count"]}x{r["leaf"]}')
                parts.append(f'<rect x="{x:.1f}" y="{y + 10}" width="{w:.1f}" height="34" '
                             f'class="{cls}"><title>{html.escape(tip)}</title></rect>')
                if r["leaf"] != "4K":
                    leaf = SIZES[r["leaf"]]
                    for i in range(1, r["count"]):
                        lx = x + i * leaf / span * seg_w
                        parts.append(f'<line x1="{lx:.1f}" y1="{y + 10}" x2="{lx:.1f}" '
                                     f'y2="{y + 44}" class="tick"/>')
            leaves = sum(r["count"] for r in cl)
            kinds = sorted({r["leaf"] for r in cl})
            parts.append(f'<text x="{x0:.1f}" y="{y + 60}">{lo:#x}</text>')
            parts.append(f'<text x="{x0 + seg_w:.1f}" y="{y + 60}" text-anchor="end">{hi:#x}</text>')
            parts.append(f'<text x="{x0:.1f}" y="{y + 76}" class="s">{human(sum(r["size"] for r in cl))} '
                         f'in {len(cl)} range(s), {leaves} leaves ({"/".join(kinds)})</text>')
            if ci:
                parts.append(f'<text x="{x0 - 14:.1f}" y="{y + 32}" class="s">//</text>')
        y += row
    legend = ('<rect x="90" y="8" width="14" height="14" class="rwb"/><text x="108" y="20">rw, blocks</text>'
              '<rect x="200" y="8" width="14" height="14" class="rw"/><text x="218" y="20">rw, 4K pages</text>'
              '<rect x="330" y="8" width="14" height="14" class="ro"/><text x="348" y="20">read-only</text>'
              '<text x="450" y="20">axis broken (//) between ranges more than 1 MiB apart; '
              'hover a bar for IOVA, PA, leaves</text>')
    style = ("<style>text{font:12px sans-serif}.n{font-weight:bold;font-size:14px}.s{fill:#555}"
             ".rw{fill:#7fa7d9}.rwb{fill:#1f5fa8}.ro{fill:#6ab06a}.rob{fill:#2e7d32}"
             ".tick{stroke:#fff;stroke-width:1}</style>")
    doc = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{y + 10}">'
           f'{style}<rect width="100%" height="100%" fill="white"/>{legend}{"".join(parts)}</svg>\n')
    open(out, "w").write(doc)


def main(argv):
    if argv[:1] == ["efficiency"]:
        return 0 if efficiency(argv[1], argv[2], argv[3] if len(argv) > 3 else None) else 1
    if argv[:1] == ["svg"]:
        svg(argv[1], argv[2], *argv[3:5])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
