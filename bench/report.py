#!/usr/bin/env python3
"""The table of `make bench`, from the results bench/run.sh collected.

  report.py RESULTS ABI.md OVERLAY.dtso

RESULTS holds loop.txt, cold.txt, start-{noqhee,qhee}.log (guest consoles of
the bench scenario), prof-{noqhee,qhee}.log (the same on the bench-only kernel
with the function profiler) and maps/<remote>.map. Prints figures with their
targets; exits 1 only when a figure could not be measured.
"""
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import iommu_space  # noqa: E402

MISSING = []


def read(path):
    try:
        return open(path, errors="replace").read()
    except OSError:
        return None


def loop_rows(res):
    text = read(os.path.join(res, "loop.txt"))
    runs = {}
    if not text:
        return runs, {}
    causes = {}
    for line in text.splitlines():
        f = line.split(None, 3)
        if f[0] == "cause":
            causes[f[1]] = f[2]
            continue
        if f[0] == "loop":
            runs.setdefault(int(f[1]), {})[f[2]] = f[3]
        if f[0] == "loop" and f[2] == "made":
            made = f[3].split()
            runs[int(f[1])].setdefault("made_list", []).append(f"{made[1]} {made[0]}")
    return runs, causes


def latencies(log):
    """{remote: {"start": [ms], "stop": [ms]}} from the bench-ts markers (numeric tags only)."""
    ts = {}
    for m in re.finditer(r"^bench-ts ([0-9.]+) (start|stop)-(begin|end) (\w+) (\d+)$", log, re.M):
        t, what, edge, name, tag = m.groups()
        ts[(name, what, tag, edge)] = float(t)
    out = {}
    for (name, what, tag, edge), t in ts.items():
        if edge != "begin":
            continue
        end = ts.get((name, what, tag, "end"))
        if end is None:
            MISSING.append(f"no {what}-end marker for {name} cycle {tag}")
            continue
        out.setdefault(name, {}).setdefault(what, []).append((end - t) * 1e3)
    return out


def profile(log):
    """{remote: {func: [us per call]}} from the function_graph lines (bench-fg)."""
    out = {}
    pat = re.compile(r"^bench-fg (\w+) .*?([0-9.]+) us\s*\|\s*(?:\} /\* (\w+) \*/|(\w+)\(\);)", re.M)
    for m in pat.finditer(log or ""):
        name, us, f1, f2 = m.groups()
        out.setdefault(name, {}).setdefault(f1 or f2, []).append(float(us))
    return out


def fmt(x, unit="", nd=1):
    return "n/a" if x is None else f"{x:.{nd}f}{unit}"


def main(res, abi, dtso):
    out = []
    p = out.append
    p("bench: figures of one run (targets beside them; a benchmark never fails on a time)")
    p("")
    # --- loop
    p("LOOP")
    runs, causes = loop_rows(res)
    if runs:
        totals = [float(r["total"]) for r in runs.values()]
        warm = statistics.median(totals)
        p(f"  warm edit->test loop     {warm:6.1f} s  (median of {len(totals)}: "
          f"{', '.join(f'{t:.1f}' for t in totals)})   target <= 20 s   "
          f"{'met' if warm <= 20 else 'MISSED'}")
        for i, r in sorted(runs.items()):
            p(f"    run {i}: edit+commit {r['edit']} s | make Image {r['image']} s | initramfs {r['initramfs']} s"
              f" | boot+kselftest {r['boot']} s (guest: /init at {r.get('guest_init', '?')} s, "
              f"power-off at {r.get('guest_off', '?')} s) | result {r['result']} | {r.get('ktap', '')}")
            if r.get("made_list"):
                p(f"           make steps: {', '.join(r['made_list'])}")
        last = runs[max(runs)]
        c = {k: float(v) for k, v in causes.items()}
        try:
            gi, go = float(last["guest_init"]), float(last["guest_off"])
        except (KeyError, ValueError):
            gi = go = None
        n_rp = len(re.findall(r"^ok \d+ .*: start$", read(os.path.join(res, f"loop{max(runs)}.log")) or "", re.M))
        p("    where the time goes (measured on the warm tree, nothing changed):")
        if "noop_image" in c:
            p(f"      make Image with nothing to do (scripts/kbuild.sh + kbuild's walk of the tree): {c['noop_image']:.1f} s;"
              f" the rest of make Image, about {max(0.0, float(last['image']) - c['noop_image']):.1f} s, is the"
              f" relink: vmlinux.o, 3 kallsyms passes (CONFIG_KALLSYMS), Image")
        if "compile_nocache" in c:
            p(f"      the edit is a comment, which ccache serves from its preprocessor hash; a code edit would add"
              f" the compile of qcom_common.c: {c['compile_nocache']:.1f} s")
        if "modules_walk" in c:
            p(f"      initramfs {float(last['initramfs']):.1f} s: platform/initramfs/ensure.sh's stamp hashes vmlinux,"
              f" so every new kernel rebuilds pas_fixture.ko and the cpio although neither changed:"
              f" fixtures/build.sh's `make modules` walk {c['modules_walk']:.1f} s (vmlinux is newer than"
              f" Module.symvers after every `make Image`) + M= build {c['fixture_m']:.1f} s + cpio|gzip -9"
              f" {c['cpio_gzip']:.1f} s")
        if gi is not None:
            ns = int(c.get("selftest_sleep1_per_remote", 0))
            m = re.search(r"run: result \d+ in ([0-9.]+)s", read(os.path.join(res, f"loop{max(runs)}.run")) or "")
            qw = float(m.group(1)) if m else None
            prep = f"run.sh's input checks (DTB, initramfs stamp, fdtput) {float(last['boot']) - qw:.1f} s, " if qw else ""
            qx = f"; QEMU start + EL3 double + exit {qw - go:.1f} s" if qw else ""
            p(f"      boot {float(last['boot']):.1f} s: {prep}kernel to /init {gi:.1f} s, fixtures + kselftest to"
              f" power-off {go - gi:.1f} s, of which {ns * n_rp} s are the selftest's fixed `sleep 1` ({ns} per"
              f" remote before automatic recovery, {n_rp} remotes){qx}")
        if "fixture_m" in c:
            saved = (float(last["initramfs"]) - c["fixture_m"]) + ns * n_rp
            p(f"    projected with the fixes proposed for these causes (not run): {warm - saved:.1f} s = {warm:.1f} s"
              f" - {float(last['initramfs']) - c['fixture_m']:.1f} s (initramfs step down to the fixture's M= build)"
              f" - {ns * n_rp:.0f} s (the selftest's sleeps)")
        if any(r["result"] != "0" for r in runs.values()):
            p("    (a kselftest boot did not pass: the loop figure is kept but the loop was not green)")
    else:
        p("  warm edit->test loop     not run (PAS_BENCH_SKIP_LOOP=1)")
    cold = (read(os.path.join(res, "cold.txt")) or "").strip()
    if cold:
        f = cold.split()
        secs = float(f[1])
        p(f"  cold test command        {secs / 60:6.1f} min ({f[1]} s, recorded {f[0]})   target <= 12 min   "
          f"{'met' if secs <= 720 else 'MISSED'}")
    else:
        p("  cold test command        n/a (no cold run recorded)   target <= 12 min")
    p("")
    # --- start cost
    p("START COST  (echo start -> running, echo stop -> offline; median ms; same series kernel, "
      "two boots back to back)")
    def gather(mode):
        files = sorted(f for f in os.listdir(res) if re.match(rf"start-{mode}-\d+\.log$", f))
        lat = {}
        for f in files:
            for n, d in latencies(read(os.path.join(res, f))).items():
                for w, v in d.items():
                    lat.setdefault(n, {}).setdefault(w, []).extend(v)
        return lat, len(files)
    (a, na), (b, nb) = gather("noqhee"), gather("qhee")
    if not na or not nb:
        MISSING.append("start-cost boot logs")
    else:
        k = max((len(v.get("start", [])) for v in a.values()), default=0)
        p(f"  {k} cycles per remote and mode from {na} no-QHEE and {nb} QHEE boots, alternating;"
          f" ratio = no-QHEE (Linux at EL2) / QHEE   target <= 1.05")
        p(f"  {'remote':8} {'start EL2':>10} {'start QHEE':>11} {'ratio':>6}   {'stop EL2':>9} {'stop QHEE':>10} {'ratio':>6}")
        rs, rp = [], []
        for name in sorted(set(a) | set(b)):
            row = []
            for what in ("start", "stop"):
                x = a.get(name, {}).get(what)
                y = b.get(name, {}).get(what)
                mx = statistics.median(x) if x else None
                my = statistics.median(y) if y else None
                r = mx / my if mx and my else None
                (rs if what == "start" else rp).append(r)
                row.append((mx, my, r))
                if not x or not y:
                    MISSING.append(f"{what} latency of {name}")
            (s1, s2, s3), (t1, t2, t3) = row
            p(f"  {name:8} {fmt(s1, '', 2):>10} {fmt(s2, '', 2):>11} {fmt(s3, '', 2):>6}   "
              f"{fmt(t1, '', 2):>9} {fmt(t2, '', 2):>10} {fmt(t3, '', 2):>6}   "
              f"{'met' if s3 and s3 <= 1.05 and t3 and t3 <= 1.05 else 'MISSED'}")
        sa = [v for v in rs if v]
        if sa:
            p(f"  median of the ratios: start {statistics.median(sa):.2f}, stop "
              f"{statistics.median([v for v in rp if v]):.2f}")

        def mins(lat, what):
            return [min(v[what]) for v in lat.values() if v.get(what)]
        p(f"  sum over remotes of the fastest cycle (least disturbed by other load): start "
          f"{sum(mins(a, 'start')):.1f} vs {sum(mins(b, 'start')):.1f} ms = "
          f"{sum(mins(a, 'start')) / max(1e-9, sum(mins(b, 'start'))):.2f}, stop "
          f"{sum(mins(a, 'stop')):.1f} vs {sum(mins(b, 'stop')):.1f} ms = "
          f"{sum(mins(a, 'stop')) / max(1e-9, sum(mins(b, 'stop'))):.2f}")
    p("")
    # --- mapping
    p("MAPPING  (the double's walk of each running remote vs the minimum for its carveout and declared windows)")
    rows = iommu_space.figures(abi, os.path.join(res, "maps"), dtso)
    def traced(mode):
        txt = "".join(read(os.path.join(res, f)) or "" for f in sorted(os.listdir(res))
                      if re.match(rf"prof-{mode}-\d+\.log$", f))
        return profile(txt)
    pn, pq = traced("noqhee"), traced("qhee")

    def per_call(prof, name, funcs):
        """median us per start (or stop): the listed functions' medians summed"""
        meds = [statistics.median(prof[name][f]) for f in funcs if prof.get(name, {}).get(f)]
        return sum(meds) if meds else None

    p(f"  {'remote':8} {'leaves':>6} {'min':>5} {'tables':>6} {'min':>4}  {'map us':>8} {'unmap us':>9}  "
      f"{'auth EL2':>9} {'auth QHEE':>9}  target leaves == min")
    for r in rows:
        if r["used"] is None:
            MISSING.append(f"map of {r['name']}")
            p(f"  {r['name']:8} (no map captured)")
            continue
        n = r["name"]
        mp = per_call(pn, n, ["qcom_map_carveout", "qcom_map_devmem"]) if pn else None
        um = per_call(pn, n, ["qcom_unmap_carveout", "qcom_unmap_devmem"]) if pn else None
        an = per_call(pn, n, ["qcom_scm_pas_auth_and_reset"]) if pn else None
        aq = per_call(pq, n, ["qcom_scm_pas_auth_and_reset"]) if pq else None
        verdict = "met" if r["used"] == r["minimum"] else "MISSED"
        if r["declared"] and not r["exact"]:
            verdict += " (mapped != declared)"
        p(f"  {n:8} {r['used']:6} {r['minimum']:5} {r['tables']:6} {r['min_tables']:4}  {fmt(mp):>8} {fmt(um):>9}  "
          f"{fmt(an, '', 0):>9} {fmt(aq, '', 0):>9}  {verdict}")
    p("  leaves/min: 4K/2M/1G leaf entries found vs needed; tables: page-table pages those leaves imply (L0..L3) vs")
    p("  needed; map/unmap us: median kernel time per start/stop in qcom_{map,unmap}_{carveout,devmem} (function_graph,")
    p("  bench-only kernel); auth: median time in qcom_scm_pas_auth_and_reset (the SMC; includes the double's SHA-256 and,")
    p("  in no-QHEE mode only, its SMMU walk, which a real TrustZone does not do)")
    if pn:
        p("")
        p("  function_graph, median us per call over all remotes' traced cycles, no-QHEE vs QHEE:")
        funcs = sorted({f for d in list(pn.values()) + list(pq.values()) for f in d})

        def allcalls(prof, f):
            return [x for n in prof for x in prof[n].get(f, [])]

        def med(prof, f):
            v = allcalls(prof, f)
            return statistics.median(v) if v else 0.0
        p(f"    {'function':32} {'no-QHEE':>9} {'calls':>5}   {'QHEE':>9} {'calls':>5}   {'EL2-QHEE':>9}")
        for f in funcs:
            x, y = allcalls(pn, f), allcalls(pq, f)
            mx = statistics.median(x) if x else None
            my = statistics.median(y) if y else None
            d = (mx or 0.0) - (my or 0.0)
            p(f"    {f:32} {fmt(mx):>9} {len(x):5}   {fmt(my):>9} {len(y):5}   {d:+9.1f}")
        bn, bq = med(pn, "rproc_boot"), med(pq, "rproc_boot")
        sn, sq = med(pn, "rproc_shutdown"), med(pq, "rproc_shutdown")
        if bq and sq:
            dom_s = med(pn, "iommu_domain_alloc") + med(pn, "iommu_attach_device")
            dom_p = med(pn, "iommu_detach_device") + med(pn, "iommu_domain_free")
            lin_s = med(pn, "qcom_map_carveout") + med(pn, "qcom_map_devmem") + \
                med(pn, "qcom_tzmem_shm_bridge_create") + med(pn, "qcom_tzmem_shm_bridge_delete")
            lin_p = med(pn, "qcom_unmap_carveout") + med(pn, "qcom_unmap_devmem")
            walk = med(pn, "qcom_scm_pas_auth_and_reset") - med(pq, "qcom_scm_pas_auth_and_reset")
            an_, aq_ = allcalls(pn, "qcom_scm_pas_auth_and_reset"), allcalls(pq, "qcom_scm_pas_auth_and_reset")
            walk_min = (min(an_) - min(aq_)) if an_ and aq_ else 0.0
            p("")
            p(f"  in the kernel (rproc_boot / rproc_shutdown, traced boots): start {bn / 1e3:.2f} vs {bq / 1e3:.2f} ms"
              f" = {bn / bq:.2f} (+{bn - bq:.0f} us), stop {sn / 1e3:.2f} vs {sq / 1e3:.2f} ms = {sn / sq:.2f}"
              f" (+{sn - sq:.0f} us); the EL2 extra, by cause (medians, us):")
            p(f"    start: remoteproc core's per-boot IOMMU domain (rproc_enable_iommu: iommu_domain_alloc +"
              f" iommu_attach_device) {dom_s:.0f}; the series' map + SHM bridge create/delete {lin_s:.0f};"
              f" the double's SMMU walk in auth_and_reset {walk:+.0f}" +
              (" (emulated EL3; a real TrustZone does not walk)" if walk >= 0 else
               " (negative: noise; the SMC runs the double's SHA-256 as emulated EL3 code, which host load"
               " slows in whichever boot it hits)") +
              f"; fastest call vs fastest call: {walk_min:+.0f}")
            p(f"    stop:  the series' unmap {lin_p:.0f}; the core's iommu_detach_device + iommu_domain_free {dom_p:.0f}")
            p(f"  => ratio from Linux's own work (domain + map/unmap + bridges, no double): start"
              f" {(bq + dom_s + lin_s) / bq:.3f}, stop {(sq + dom_p + lin_p) / sq:.3f}; from the series' map/unmap and"
              f" bridges alone: start {(bq + lin_s) / bq:.3f}, stop {(sq + lin_p) / sq:.3f}")
    if MISSING:
        p("")
        p("NOT MEASURED: " + "; ".join(MISSING))
    lt = read(os.path.join(res, "load.txt"))
    if lt:
        p("")
        p("load average (1/5/15 min) when each phase started, on " + lt.split()[-1] + " cores: " +
          "; ".join(f"{f[1]} {f[2]}/{f[3]}/{f[4]}" for f in (x.split() for x in lt.splitlines())))
    print("\n".join(out))
    return 1 if MISSING else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
