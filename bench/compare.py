#!/usr/bin/env python3
"""The table of bench/compare.sh: three kernels side by side, mainline = 1.00.

  compare.py RESULTS ABI.md OVERLAY.dtso

RESULTS (build/bench-compare) holds kernels.txt ("<id> test <kout> <sha>
<mtime> <track>"), <id>-<round>.log (guest consoles of the kernels under
test: bench-ts markers, bench-map lines of the double's walk, cmp-mem lines of
/proc/meminfo before the first start and after every remote's K cycles),
prof-<id>.log (the bench-only twin: bench-fg lines of function_graph),
boots.txt and load.txt. OVERLAY.dtso declares the windows the minimum counts
(the LTS series' sa8775p-el2.dtso: the same 18 ADSP windows the double's
TrustZone table gives in mode +rsc=table). Prints the table, the ratios to
unpatched 7.3 and, where a series is slower, the measured causes. Exit 1 when
a figure could not be measured.
"""
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import iommu_space  # noqa: E402
# the same reader, bench-ts marker parser and list of what could not be measured as make bench's report
from report import MISSING, latencies, read  # noqa: E402

KERNELS = [("lts612", "6.12+LTS"), ("ml73", "7.3 main"), ("ser73", "7.3+ser")]
REF = "ml73"
REMOTES = ["adsp", "cdsp0", "cdsp1", "gpdsp0", "gpdsp1"]
MEM = ["MemAvailable", "Slab", "SUnreclaim", "SecPageTables", "VmallocUsed"]
def med(v):
    return statistics.median(v) if v else None


def profile_cycles(log):
    """{remote: [[(depth, func, us), ...] per traced start/stop cycle]}: the
    bench-fg lines in order (depth from the graph's indentation), a cycle
    ending with rproc_shutdown's return."""
    out = {}
    pat = re.compile(r"^bench-fg (\w+) .*?([0-9.]+) us\s*\|( *)(?:\} /\* ([\w.]+) \*/|([\w.]+)\(\);)\s*$", re.M)
    for m in pat.finditer(log or ""):
        name, us, ind, f1, f2 = m.groups()
        cyc = out.setdefault(name, [[]])
        cyc[-1].append((len(ind), f1 or f2, float(us), f1 is not None))
        if (f1 or f2) == "rproc_shutdown":
            cyc.append([])
    for name in out:
        if not out[name][-1]:
            out[name].pop()
    return out


def outermost(entries, funcs, inside=None):
    """us and calls of the calls of FUNCS in one cycle that no other call of
    FUNCS encloses (no double count when a wrapper and its callee are both
    listed); with INSIDE, only calls enclosed by a call of one of those."""
    us, calls, stack = 0.0, 0, []
    for depth, f, t, closing in reversed(entries):
        while stack and stack[-1][0] >= depth:
            stack.pop()
        enclosing = {g for _, g in stack}
        if f in funcs and not (enclosing & funcs) and (inside is None or enclosing & inside):
            us += t
            calls += 1
        if closing:
            stack.append((depth, f))
    return us, calls


def memory(log):
    """{when: {field: kB}}"""
    out = {}
    for m in re.finditer(r"^cmp-mem (\w+) ([\w()]+) (\d+)$", log, re.M):
        out.setdefault(m.group(1), {})[m.group(2)] = int(m.group(3))
    return out


def fmt(x, nd=2, unit=""):
    return "n/a" if x is None else f"{x:.{nd}f}{unit}"


def ratio(x, y):
    return x / y if x is not None and y not in (None, 0) else None


def main(res, abi, dtso):
    out = []
    p = out.append
    kinfo = {}
    for line in (read(os.path.join(res, "kernels.txt")) or "").splitlines():
        f = line.split()
        if len(f) >= 6 and f[1] == "test":
            kinfo.setdefault(f[0], {}).update(kout=f[2], sha=f[3], track=f[5])
        if len(f) >= 4 and f[1] == "prof":
            kinfo.setdefault(f[0], {}).update(twin=f[2], twin_sha=f[3])
    logs = {k: sorted(f for f in os.listdir(res) if re.match(rf"{k}-\d+\.log$", f)) for k, _ in KERNELS}
    lat, mem, maps, pcyc = {}, {}, {}, {}
    for k, _ in KERNELS:
        lat[k], mem[k] = {}, []
        for f in logs[k]:
            t = read(os.path.join(res, f))
            for n, d in latencies(t).items():
                for w, v in d.items():
                    lat[k].setdefault(n, {}).setdefault(w, []).extend(v)
            mem[k].append(memory(t))
        if not logs[k]:
            MISSING.append(f"boots of {k}")
        # the double's walk of each running remote, first boot
        md = os.path.join(res, f"maps-{k}")
        os.makedirs(md, exist_ok=True)
        for f in os.listdir(md):
            os.unlink(os.path.join(md, f))
        if logs[k]:
            for m in re.finditer(r"^bench-map (\w+) (.*)$", read(os.path.join(res, logs[k][0])), re.M):
                with open(os.path.join(md, m.group(1) + ".map"), "a") as fh:
                    fh.write(m.group(2) + "\n")
        maps[k] = {r["name"]: r for r in iommu_space.figures(abi, md, dtso)}
        pt = read(os.path.join(res, f"prof-{k}.log"))
        pcyc[k] = profile_cycles(pt) if pt else {}
        if pt is None:
            MISSING.append(f"profiled boot of {k}")

    kk = [k for k, _ in KERNELS]
    names = dict(KERNELS)
    nb = {k: len(logs[k]) for k in kk}
    kcyc = max((len(v.get("start", [])) for k in kk for v in lat[k].values()), default=0)
    p("bench/compare: three kernels, same platform, same boot sequence (mode noqhee+rsc=table: Linux at EL2,")
    p("every remote's resource table from TrustZone); ratio = kernel / unpatched 7.3 (mainline = 1.00)")
    for k in kk:
        i = kinfo.get(k, {})
        p(f"  {names[k]:9} {k:7} {i.get('kout', '?')} at {i.get('sha', '?')[:12]} ({nb[k]} boots)")
        if "twin" in i:
            same = i["twin_sha"] == i.get("sha")
            p(f"  {'':17} bench-only twin {i['twin']} at {i['twin_sha'][:12]}"
              f" ({'the same commit' if same else 'ANOTHER COMMIT: rebuild it (compare.sh build)'})")
            if not same:
                MISSING.append(f"a twin of {k} at its commit")
    p("")

    # --- per remote
    hdr = "  ".join(f"{names[k]:>9}" for k in kk)
    rhdr = "  ".join(f"{names[k]:>9}" for k in kk)

    def us_per(k, n, funcs, inside=None):
        """remote n's traced cycles: median over the cycles of the us in the listed
        functions (outermost calls of a cycle summed), and of the calls"""
        cs = pcyc.get(k, {}).get(n)
        if not cs:
            return None, None
        per = [outermost(c, set(funcs), set(inside) if inside else None) for c in cs]
        return med([u for u, _ in per]), med([c for _, c in per])

    rows = {}
    for n in REMOTES:
        r = rows[n] = {}
        for k in kk:
            s = lat[k].get(n, {})
            mp = maps[k].get(n, {})
            r[k] = dict(start=med(s.get("start")), stop=med(s.get("stop")),
                        leaves=mp.get("used"), min=mp.get("minimum"),
                        tables=mp.get("tables"), min_tables=mp.get("min_tables"),
                        map=us_per(k, n, ["iommu_map"]), unmap=us_per(k, n, ["iommu_unmap"]))
            for w in ("start", "stop"):
                if r[k][w] is None:
                    MISSING.append(f"{w} latency of {n} on {k}")
            if r[k]["leaves"] is None:
                MISSING.append(f"map of {n} on {k}")

    p(f"START / STOP LATENCY  (echo start -> running, echo stop -> offline; median ms of {kcyc} cycles per remote and"
      f" kernel, printk clock)")
    sums = {k: {"start": 0.0, "stop": 0.0} for k in kk}
    for n in REMOTES:
        for k in kk:
            for w in ("start", "stop"):
                x = rows[n][k][w]
                sums[k][w] = None if x is None or sums[k][w] is None else sums[k][w] + x
    fastest = {}
    for w in ("start", "stop"):
        p(f"  {w + ' ms':10} {hdr}   | ratio {rhdr}")
        for n in REMOTES + ["all five"]:
            v = {k: (sums[k][w] if n == "all five" else rows[n][k][w]) for k in kk}
            p(f"  {n:10} " + "  ".join(f"{fmt(v[k]):>9}" for k in kk) + "   |       " +
              "  ".join(f"{fmt(ratio(v[k], v[REF])):>9}" for k in kk))
        fast = {k: sum(min(lat[k][n][w]) for n in REMOTES if lat[k].get(n, {}).get(w)) for k in kk}
        for k in kk:
            fastest.setdefault(k, {})[w] = fast[k]
        p(f"  {'fastest':10} " + "  ".join(f"{fast[k]:>9.2f}" for k in kk) + "   |       " +
          "  ".join(f"{fmt(ratio(fast[k], fast[REF])):>9}" for k in kk) +
          "   (sum of each remote's fastest cycle: least disturbed by the host)")
    p("")

    p("MAPPING  (the double's walk of each running remote: leaf entries / page-table pages used vs the minimum for")
    p("its carveout and windows; iommu_map / iommu_unmap: us of kernel time per start / stop, calls per start / stop,")
    p("function_graph on the bench-only twin)")
    p(f"  {'remote':8} " + "  ".join(f"{names[k]:>30}" for k in kk))
    p(f"  {'':8} " + "  ".join(f"{'leaves/min tables/min':>30}" for k in kk))
    for n in REMOTES:
        r = rows[n]
        cells = []
        for k in kk:
            x = r[k]
            if x["leaves"] is None:
                cells.append(f"{'n/a':>30}")
                continue
            tag = "" if x["leaves"] == x["min"] else " !"
            cells.append(f"{x['leaves']:>5}/{x['min']:<5} {x['tables']:>3}/{x['min_tables']:<3}{tag:2}".rjust(30))
        p(f"  {n:8} " + "  ".join(cells))
    p(f"  {'':8} " + "  ".join(f"{'map us (calls)  unmap us (calls)':>30}" for k in kk))
    tot = {k: [0.0, 0.0] for k in kk}
    for n in REMOTES:
        r = rows[n]
        cells = []
        for k in kk:
            (a, ac), (b, bc) = r[k]["map"], r[k]["unmap"]
            if a is None:
                cells.append(f"{'n/a':>30}")
                continue
            tot[k][0] += a
            tot[k][1] += b
            cells.append(f"{a:8.0f} ({ac:4.0f}) {b:9.0f} ({bc:4.0f})".rjust(30))
        p(f"  {n:8} " + "  ".join(cells))
    p(f"  {'all five':8} " + "  ".join(f"{tot[k][0]:8.0f}        {tot[k][1]:9.0f}       ".rjust(30) for k in kk))
    p("  ratio    " + "  ".join(
        f"{fmt(ratio(tot[k][0], tot[REF][0])):>8}        {fmt(ratio(tot[k][1], tot[REF][1])):>9}       ".rjust(30)
        for k in kk))
    p("  ('!': more leaves than the minimum)")
    p("")

    p("MEMORY  (/proc/meminfo after drop_caches, kB; median over the boots: 'before' the first start; 'K cyc' the change")
    p("after K start/stop cycles of every remote (warm-up + whatever stays); 'next K' the change over K more cycles of")
    p("every remote (what each further cycle keeps: a leak shows here); the spread over the boots in [min..max])")
    p(f"  {'field':13} " + "  ".join(f"{names[k]:>30}" for k in kk))
    p(f"  {'':13} " + "  ".join(f"{'before  K cyc  next K':>30}" for k in kk))
    leak = {}
    for fld in MEM:
        cells = []
        for k in kk:
            b = [m["before"][fld] for m in mem[k] if fld in m.get("before", {})]
            d1 = [m["after"][fld] - m["before"][fld] for m in mem[k]
                  if fld in m.get("after", {}) and fld in m.get("before", {})]
            d2 = [m["after2"][fld] - m["after"][fld] for m in mem[k]
                  if fld in m.get("after2", {}) and fld in m.get("after", {})]
            if not b:
                MISSING.append(f"memory of {k}")
            leak.setdefault(fld, {})[k] = (med(d1), med(d2), d2)
            cells.append(f"{fmt(med(b), 0):>8} {fmt(med(d1), 0):>6} {fmt(med(d2), 0):>6}".rjust(30))
        p(f"  {fld:13} " + "  ".join(cells))
    p(f"  {'next K range':13} " + "  ".join(
        (f"Slab [{min(leak['Slab'][k][2])}..{max(leak['Slab'][k][2])}] SUnr [{min(leak['SUnreclaim'][k][2])}.."
         f"{max(leak['SUnreclaim'][k][2])}]" if leak["Slab"][k][2] and leak["SUnreclaim"][k][2] else "n/a").rjust(30)
        for k in kk))
    for k in kk:
        if k == REF:
            continue
        v, r = leak["SUnreclaim"][k][2], leak["SUnreclaim"][REF][2]
        if not v or not r:
            continue
        per = statistics.median(v) * 1024 / (5 * kcyc / max(1, nb[k])) if kcyc else 0
        verdict = ("above mainline's in every boot: a possible leak, check with kmemleak (tests/faults/soak)"
                   if min(v) > max(r) else "within mainline's spread: no leak measured")
        p(f"  {names[k]}: SUnreclaim kept over the next K cycles {statistics.median(v)} kB (~{per:.0f} B per start/stop"
          f" cycle) vs mainline {statistics.median(r)} kB: {verdict}")
    p("  ratio of 'K cyc' Slab to mainline: " + "  ".join(
        f"{names[k]} {fmt(ratio(leak['Slab'][k][0], leak['Slab'][REF][0]))}" for k in kk))
    p("")

    # --- where the time goes: per start and per stop, all remotes, us per cycle
    FETCH = ["qcom_scm_pas_get_rsc_table", "qcom_pas_get_rsc_table", "__qcom_scm_pas_get_rsc_table2",
             "__qcom_scm_pas_get_rsc_table"]
    VALID = ["qcom_rproc_validate_rsc_table", "qcom_devmem_parse_rsc_table"]
    # label: (functions, only inside these); nested rows are indented
    FN = {
        "start (rproc_boot)": (["rproc_boot"], None),
        "stop (rproc_shutdown)": (["rproc_shutdown"], None),
        "rsc table fetch (SCM PAS_GET_RSCTABLE + copies)": (FETCH, None),
        "  of which the SCM IS_CALL_AVAIL": (["__qcom_scm_is_call_available"], FETCH),
        "rsc table validation (validate/parse_rsc_table)": (VALID, None),
        "  of which region_intersects (System RAM check)": (["region_intersects"], VALID),
        "  of which the DT /reserved-memory lookup": (["qcom_rsc_reserved_memory"], VALID),
        "windows map (qcom_devmem_map, rproc_handle_devmem)":
            (["qcom_devmem_map", "qcom_pas_map_devmem", "rproc_handle_devmem"], None),
        "windows unmap (qcom_devmem_unmap)": (["qcom_devmem_unmap", "qcom_pas_unmap_devmem"], None),
        "iommu_map (every call)": (["iommu_map"], None),
        "iommu_unmap (every call)": (["iommu_unmap"], None),
        "auth_and_reset SMC (double: SHA-256 + SMMU walk)":
            (["qcom_scm_pas_auth_and_reset", "__qcom_scm_pas_auth_and_reset",
              "__qcom_scm_pas_prepare_and_auth_reset"], None),
        "init_image SMC": (["qcom_scm_pas_init_image", "__qcom_scm_pas_init_image2",
                            "__qcom_scm_pas_init_image"], None),
        "mem_setup SMC": (["qcom_scm_pas_mem_setup", "__qcom_scm_pas_mem_setup"], None),
        "SHM bridge create": (["qcom_tzmem_shm_bridge_create"], None),
        "SHM bridge delete": (["qcom_tzmem_shm_bridge_delete"], None),
        "shutdown SMC": (["qcom_scm_pas_shutdown", "__qcom_scm_pas_shutdown"], None),
        "request_firmware": (["request_firmware"], None),
        "iommu domain alloc + attach": (["iommu_domain_alloc", "iommu_paging_domain_alloc_flags",
                                         "iommu_attach_device"], None),
        "iommu detach + free": (["iommu_detach_device", "iommu_domain_free"], None),
    }

    def cyc(k, spec):
        """us per start/stop cycle summed over the five remotes, calls per cycle summed"""
        us = calls = 0.0
        for n in REMOTES:
            a, c = us_per(k, n, *spec)
            if a is None:
                return None, None
            us += a
            calls += c
        return us, calls

    p("WHERE THE TIME GOES  (bench-only twins, function_graph: per remote the median over its K traced start/stop cycles")
    p("of the us in the function(s) (calls per cycle), summed over the five remotes; a row's time includes the rows")
    p("indented under it)")
    p(f"  {'':52} " + "  ".join(f"{names[k]:>17}" for k in kk))
    table = {}
    for label, funcs in FN.items():
        table[label] = {k: cyc(k, funcs) for k in kk}
        cells = []
        for k in kk:
            us, c = table[label][k]
            cells.append(f"{'n/a':>17}" if us is None else f"{us:9.0f} ({c:5.1f})")
        p(f"  {label:52} " + "  ".join(cells))
    p("")

    SMC_ROWS = {"auth_and_reset SMC (double: SHA-256 + SMMU walk)", "init_image SMC", "mem_setup SMC",
                "SHM bridge create", "SHM bridge delete", "shutdown SMC",
                "rsc table fetch (SCM PAS_GET_RSCTABLE + copies)"}

    def own_work(k, w):
        """us per cycle over the five inside rproc_boot/rproc_shutdown minus the SMC rows"""
        ph = "rproc_boot" if w == "start" else "rproc_shutdown"
        tot = cyc(k, ([ph], None))[0]
        if tot is None:
            return None
        for lab in SMC_ROWS:
            v = cyc(k, (FN[lab][0], [ph]))[0]
            tot -= v or 0.0
        return tot

    # --- why slower: only where the measured latency says so
    p("WHY SLOWER THAN MAINLINE  (where a series' start or stop over the five remotes is > 2% above unpatched 7.3)")
    said = False
    for k in kk:
        if k == REF:
            continue
        for w, top, parts in (
            ("start", "start (rproc_boot)",
             ["rsc table fetch (SCM PAS_GET_RSCTABLE + copies)", "  of which the SCM IS_CALL_AVAIL",
              "rsc table validation (validate/parse_rsc_table)",
              "  of which region_intersects (System RAM check)", "  of which the DT /reserved-memory lookup",
              "iommu_map (every call)",
              "auth_and_reset SMC (double: SHA-256 + SMMU walk)", "init_image SMC", "mem_setup SMC",
              "SHM bridge create", "SHM bridge delete", "request_firmware", "iommu domain alloc + attach"]),
            ("stop", "stop (rproc_shutdown)",
             ["iommu_unmap (every call)", "shutdown SMC", "SHM bridge delete", "iommu detach + free"])):
            rr = ratio(sums[k][w], sums[REF][w])
            if rr is None or rr <= 1.02:
                continue
            said = True
            p(f"  {names[k]} {w}: {sums[k][w]:.2f} ms vs {sums[REF][w]:.2f} ms over the five ({rr:.2f}x,"
              f" +{sums[k][w] - sums[REF][w]:.2f} ms; latency boots)")
            a, b = table[top][k][0], table[top][REF][0]
            if a is None or b is None:
                p("    (no profile: causes not measured)")
                continue
            p(f"    in the kernel ({top.split()[1].strip('()')}, traced): {a:.0f} vs {b:.0f} us per cycle, {a - b:+.0f} us;"
              f" by cause (delta us per cycle over the five, calls per cycle):")
            deltas = []
            phase = top.split()[1].strip("()")
            for lab in parts:
                funcs, inside = FN[lab]
                spec = (funcs, inside or [phase])	# only what runs inside rproc_boot / rproc_shutdown
                (x, xc), (y, yc) = cyc(k, spec), cyc(REF, spec)
                if x is None or y is None:
                    continue
                deltas.append((x - y, lab, x, xc, y, yc))
            code = smc = 0.0
            parent_same = {}
            last = None
            for d, lab, x, xc, y, yc in deltas:	# in FN order: a nested row follows its parent
                if not lab.startswith("  "):
                    last = xc == yc
                parent_same[lab] = last
            for d, lab, x, xc, y, yc in sorted(deltas, reverse=True):
                if abs(d) < 1 and xc == yc:
                    continue
                if xc != yc:
                    why = "the series' code: calls mainline does not make" if yc == 0 else "another number of calls"
                    if not lab.startswith("  ") or parent_same[lab]:
                        code += d
                elif lab in SMC_ROWS:
                    why = "same calls: the double's emulated SMC, host-load noise"
                    smc += d
                else:
                    why = "same calls"
                p(f"      {d:+7.0f} us  {lab.strip()}: {x:.0f} us ({xc:.1f} calls) vs {y:.0f} us ({yc:.1f} calls)"
                  f"  [{why}]")
            known = sum(d for d, lab, *_ in deltas if not lab.startswith("  "))
            ph = top.split()[1].strip("()")
            p(f"      {a - b - known:+7.0f} us  the rest of {ph} (not in a listed function; includes the noise of"
              f" the traced boot)")
            own = {kx: own_work(kx, w) for kx in (k, REF)}
            if None not in own.values():
                p(f"    => Linux's own work in {ph} (traced, minus the SMC rows): {own[k]:.0f} vs {own[REF]:.0f} us"
                  f" = {ratio(own[k], own[REF]):.2f}x; code-caused delta {code:+.0f} us per cycle over the five"
                  f" ({100 * code / sums[REF][w] / 1e3:+.1f}% of mainline's {w} latency); SMC-time delta {smc:+.0f} us"
                  f" (emulated EL3: not the series); least-disturbed cycles: {fastest[k][w]:.2f} vs"
                  f" {fastest[REF][w]:.2f} ms = {ratio(fastest[k][w], fastest[REF][w]):.2f}x")
    if not said:
        p("  neither series is slower than unpatched 7.3 by more than 2% on start or stop")
    if MISSING:
        p("")
        p("NOT MEASURED: " + "; ".join(sorted(set(MISSING))))
    bt = read(os.path.join(res, "boots.txt"))
    lt = read(os.path.join(res, "load.txt"))
    if bt:
        p("")
        p("boots (wall s, rc): " + "; ".join(" ".join(x.split()[1:]) for x in bt.splitlines()))
    if lt:
        p("load average (1/5/15 min) at each boot, on " + lt.split()[-1] + " cores: " +
          "; ".join(f"{f[1]} {f[2]}/{f[3]}/{f[4]}" for f in (x.split() for x in lt.splitlines())))
    print("\n".join(out))
    return 1 if MISSING else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
