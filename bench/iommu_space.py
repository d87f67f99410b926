#!/usr/bin/env python3
"""What each remote processor can reach through its IOMMU, as the double saw it.

Input: one file per remote, named <remote>.map, holding the double's PASD_MAP
text (one line per coalesced range: "iova pa size perms leaf count"; '#'
lines are comments).

  iommu_space.py efficiency ABI.md DIR [OVERLAY.dtso]
                                  table: leaves used vs the minimum
  iommu_space.py svg DIR OUT.svg [ABI.md OVERLAY.dtso]
                                  picture of every remote's space
  iommu_space.py svg-from-log CONSOLE.log OUT.svg [ABI.md OVERLAY.dtso]
                                  the same from a guest console: the demo's
                                  "# <remote>: map: ..." or the bench's
                                  "bench-map <remote> ..." lines

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


def abi_sids(abi_path):
    text = open(abi_path).read()
    return {m.group(1): m.group(2) for m in re.finditer(
        r"^\| \d \| (\w+) \|(?:[^|]*\|){4} (0x[0-9a-f]+) \|", text, re.M)}


def svg(mapdir, out, abi_path=None, dtso_path=None):
    """One band per remote: its mapped ranges on an IOVA axis (== PA), broken
    where ranges are more than 1 MiB apart; dark = block leaves (2M/1G), light
    = 4K pages, blue = read/write, green = read-only; each range listed under
    the band with size, permissions and leaves, so the PNG needs no hover."""
    names = sorted(f[:-4] for f in os.listdir(mapdir) if f.endswith(".map"))
    sids = abi_sids(abi_path) if abi_path else {}
    rows = {r["name"]: r for r in figures(abi_path, mapdir, dtso_path)} if abi_path else {}
    W, left, right = 1200, 150, 20
    per_line = 4
    parts = []
    y = 64
    for name in names:
        ranges = sorted(parse_map(os.path.join(mapdir, name + ".map")), key=lambda r: r["iova"])
        parts.append(f'<text x="10" y="{y + 24}" class="n">{html.escape(name)}</text>')
        if name in sids:
            parts.append(f'<text x="10" y="{y + 40}" class="s">SID {sids[name]}</text>')
        r = rows.get(name)
        if r and r.get("used") is not None:
            ok = r["used"] == r["minimum"]
            parts.append(f'<text x="10" y="{y + 56}" class="{"s" if ok else "bad"}">'
                         f'{r["used"]} leaves</text>')
            parts.append(f'<text x="10" y="{y + 71}" class="{"s" if ok else "bad"}">'
                         f'{"= minimum" if ok else "minimum " + str(r["minimum"])}</text>')
        clusters = []
        for rg in ranges:
            if clusters and rg["iova"] - (clusters[-1][-1]["iova"] + clusters[-1][-1]["size"]) < (1 << 20):
                clusters[-1].append(rg)
            else:
                clusters.append([rg])
        if not clusters:
            parts.append(f'<text x="{left}" y="{y + 24}">nothing mapped</text>')
        gap = 26
        seg_w = (W - left - right - gap * (len(clusters) - 1)) / max(1, len(clusters))
        for ci, cl in enumerate(clusters):
            x0 = left + ci * (seg_w + gap)
            lo = cl[0]["iova"]
            hi = cl[-1]["iova"] + cl[-1]["size"]
            span = hi - lo
            for rg in cl:
                x = x0 + (rg["iova"] - lo) / span * seg_w
                w = max(1.5, rg["size"] / span * seg_w)
                cls = ("rw" if "w" in rg["perms"] else "ro") + ("b" if rg["leaf"] != "4K" else "")
                tip = (f'{rg["iova"]:#x}+{rg["size"]:#x} -> pa {rg["pa"]:#x} {rg["perms"]} '
                       f'{rg["count"]}x{rg["leaf"]}')
                parts.append(f'<rect x="{x:.1f}" y="{y + 6}" width="{w:.1f}" height="34" '
                             f'class="{cls}"><title>{html.escape(tip)}</title></rect>')
                if rg["leaf"] != "4K":
                    leaf = SIZES[rg["leaf"]]
                    for i in range(1, rg["count"]):
                        lx = x + i * leaf / span * seg_w
                        parts.append(f'<line x1="{lx:.1f}" y1="{y + 6}" x2="{lx:.1f}" '
                                     f'y2="{y + 40}" class="tick"/>')
                    if w > 90:
                        parts.append(f'<text x="{x + w / 2:.1f}" y="{y + 28}" text-anchor="middle" '
                                     f'class="in">{human(rg["size"])} {rg["perms"]}: '
                                     f'{rg["count"]} x {rg["leaf"]} blocks</text>')
            leaves = sum(rg["count"] for rg in cl)
            parts.append(f'<text x="{x0:.1f}" y="{y + 54}" class="a">{lo:#x}</text>')
            parts.append(f'<text x="{x0 + seg_w:.1f}" y="{y + 54}" text-anchor="end" class="a">{hi:#x}</text>')
            parts.append(f'<text x="{x0 + seg_w / 2:.1f}" y="{y + 54}" text-anchor="middle" class="s">'
                         f'{human(sum(rg["size"] for rg in cl))} in {len(cl)} range(s), {leaves} leaves</text>')
            if ci:
                parts.append(f'<text x="{x0 - gap / 2:.1f}" y="{y + 28}" text-anchor="middle" '
                             f'class="brk">//</text>')
        # every range in words, so the picture stands without hovering
        items = [f'{rg["iova"]:#x} {human(rg["size"])} {rg["perms"]} {rg["count"]}x{rg["leaf"]}'
                 for rg in ranges]
        ly = y + 72
        for i in range(0, len(items), per_line):
            parts.append(f'<text x="{left}" y="{ly}" class="l">{"   |   ".join(items[i:i + per_line])}</text>')
            ly += 15
        y = ly + 18
    legend = ('<text x="10" y="22" class="t">IOMMU address space of each remote processor, as the EL3 double '
              'walks its SMMUv3 stream (IOVA == PA)</text>'
              '<rect x="10" y="34" width="14" height="14" class="rwb"/><text x="28" y="46">read/write, 2M blocks</text>'
              '<rect x="175" y="34" width="14" height="14" class="rw"/><text x="193" y="46">read/write, 4K pages</text>'
              '<rect x="340" y="34" width="14" height="14" class="ro"/><text x="358" y="46">read-only, 4K pages</text>'
              '<text x="505" y="46" class="s">// : axis broken between ranges more than 1 MiB apart; '
              'bars to scale within each segment</text>')
    style = ("<style>text{font:12px sans-serif}.n{font-weight:bold;font-size:15px}.s{fill:#555}"
             ".t{font-weight:bold;font-size:14px}.a{fill:#222;font-family:monospace}"
             ".l{fill:#333;font-family:monospace;font-size:11px}.bad{fill:#c00;font-weight:bold}"
             ".in{fill:#fff;font-weight:bold;stroke:#1f5fa8;stroke-width:6px;paint-order:stroke}.brk{font-size:16px;font-weight:bold;fill:#555}"
             ".rw{fill:#8fb3e0}.rwb{fill:#1f5fa8}.ro{fill:#5cb85c}.rob{fill:#2e7d32}"
             ".tick{stroke:#fff;stroke-width:1}</style>")
    doc = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{y}">'
           f'{style}<rect width="100%" height="100%" fill="white"/>{legend}{"".join(parts)}</svg>\n')
    open(out, "w").write(doc)


def maps_from_log(log, mapdir):
    """Write mapdir/<remote>.map from a guest console log; returns the names."""
    got = {}
    for line in open(log, errors="replace"):
        line = line.strip().replace("\r", "")
        m = (re.match(r"^# (\w+): map: (.*)$", line) or re.match(r"^bench-map (\w+) (.*)$", line))
        if m:
            got.setdefault(m.group(1), []).append(m.group(2))
    os.makedirs(mapdir, exist_ok=True)
    for name, lines in got.items():
        with open(os.path.join(mapdir, name + ".map"), "w") as f:
            f.write("\n".join(lines) + "\n")
    return sorted(got)


def main(argv):
    if argv[:1] == ["svg-from-log"]:
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            if not maps_from_log(argv[1], d):
                print(f"no map lines in {argv[1]}", file=sys.stderr)
                return 1
            svg(d, argv[2], *argv[3:5])
        return 0
    if argv[:1] == ["efficiency"]:
        return 0 if efficiency(argv[1], argv[2], argv[3] if len(argv) > 3 else None) else 1
    if argv[:1] == ["svg"]:
        svg(argv[1], argv[2], *argv[3:5])
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
