#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""kunit_expect.py SRC... RESULTS.json - did every KUnit case of the source run?

The expected suites and cases come from the KUnit source of the tree under
test (kunit_test_suite(s)(), the suites' .test_cases arrays, KUNIT_CASE*();
for KUNIT_CASE_PARAM over KUNIT_ARRAY_PARAM(name, array, ...) the number of
entries of the array), never from an earlier run. Each case must appear in
kunit.py's --json results, PASS; a parameterised case with exactly its
parameters, all PASS. Prints one line per suite; exit 1 on any difference.
"""
import json
import re
import sys


def strip_comments(s):
    s = re.sub(r"/\*.*?\*/", " ", s, flags=re.S)
    return re.sub(r"//[^\n]*", " ", s)


def braced(s, start):
    """the text between the '{' at or after start and its matching '}'"""
    i = s.index("{", start)
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{":
            depth += 1
        elif s[j] == "}":
            depth -= 1
            if depth == 0:
                return s[i + 1:j]
    raise ValueError("unbalanced braces")


def top_level_items(body):
    """number of top-level, comma separated, non-empty initialisers"""
    n, depth, cur = 0, 0, ""
    for ch in body:
        if ch in "{(":
            depth += 1
        elif ch in "})":
            depth -= 1
        if ch == "," and depth == 0:
            n += bool(cur.strip())
            cur = ""
        else:
            cur += ch
    return n + bool(cur.strip())


def expected(sources):
    text = "\n".join(strip_comments(open(f).read()) for f in sources)
    arrays = {}    # name of a plain array -> number of entries
    for m in re.finditer(r"\b(\w+)\s*\[\s*\]\s*=\s*\{", text):
        try:
            arrays[m.group(1)] = top_level_items(braced(text, m.start()))
        except ValueError:
            pass
    params = {}    # <name>_gen_params -> number of parameters
    for m in re.finditer(r"KUNIT_ARRAY_PARAM(?:_DESC)?\s*\(\s*(\w+)\s*,\s*(\w+)", text):
        if m.group(2) in arrays:
            params[m.group(1) + "_gen_params"] = arrays[m.group(2)]
    cases = {}     # kunit_case array -> [(case, number of params or None)]
    for m in re.finditer(r"struct\s+kunit_case\s+(\w+)\s*\[\s*\]\s*=\s*\{", text):
        body = braced(text, m.start())
        lst = []
        for c in re.finditer(r"KUNIT_CASE(\w*)\s*\(\s*(\w+)\s*(?:,\s*(\w+))?", body):
            kind, name, gen = c.groups()
            if "PARAM" in kind:
                lst.append((name, params.get(gen, 0)))    # 0: at least one
            else:
                lst.append((name, None))
        cases[m.group(1)] = lst
    suites = {}    # suite variable -> (name, cases)
    for m in re.finditer(r"struct\s+kunit_suite\s+(\w+)\s*=\s*\{", text):
        body = braced(text, m.start())
        name = re.search(r'\.name\s*=\s*"([^"]+)"', body)
        tc = re.search(r"\.test_cases\s*=\s*(\w+)", body)
        if name and tc:
            suites[m.group(1)] = (name.group(1), cases.get(tc.group(1), []))
    registered = []
    # kunit_test_suites(&a, &b) takes pointers, kunit_test_suite(a) the suite
    for m in re.finditer(r"kunit_test_suites?\s*\(([^;]*)\)\s*;", text):
        registered += re.findall(r"&?\s*(\w+)", m.group(1))
    return [suites[v] for v in registered if v in suites]


def main():
    *sources, results = sys.argv[1:]
    want = expected(sources)
    if not want:
        print("kunit: no registered suite with cases in " + " ".join(sources))
        return 1
    tree = json.load(open(results))
    groups = {}

    def walk(g):
        for s in g.get("sub_groups", []):
            groups.setdefault(s["name"], s)
            walk(s)
    walk(tree)
    bad = 0
    total_cases = total_leaves = 0
    for suite, cases in want:
        g = groups.get(suite)
        if g is None:
            print(f"not ok suite {suite}: did not run (0 of {len(cases)} cases)")
            bad += 1
            continue
        leaves = {t["name"]: t["status"] for t in g.get("test_cases", [])}
        subs = {s["name"]: s for s in g.get("sub_groups", [])}
        problems, ran = [], 0
        for name, nparam in cases:
            if nparam is None:
                st = leaves.pop(name, None)
                if st != "PASS":
                    problems.append(f"{name}: {st or 'not run'}")
                    continue
                ran += 1
                total_leaves += 1
                continue
            sg = subs.pop(name, None)
            got = [t["status"] for t in sg.get("test_cases", [])] if sg else []
            if not got:
                problems.append(f"{name}: not run")
                continue
            total_leaves += len(got)
            if nparam and len(got) != nparam:
                problems.append(f"{name}: {len(got)} parameters ran, the source has {nparam}")
            elif any(s != "PASS" for s in got):
                problems.append(f"{name}: {sum(s != 'PASS' for s in got)} parameters not PASS")
            else:
                ran += 1
        extra = list(leaves) + list(subs)
        if extra:
            problems.append("cases the source does not have: " + ", ".join(extra))
        total_cases += ran
        if problems:
            bad += 1
            print(f"not ok suite {suite}: {ran} of {len(cases)} cases passed; " + "; ".join(problems))
        else:
            print(f"ok suite {suite}: {ran} of {len(cases)} cases passed")
    want_cases = sum(len(c) for _, c in want)
    print(f"kunit: {total_cases} of {want_cases} cases of {len(want)} suites executed and passed"
          f" ({total_leaves} results, parameters counted)")
    return 1 if bad or total_cases != want_cases else 0


if __name__ == "__main__":
    sys.exit(main())
