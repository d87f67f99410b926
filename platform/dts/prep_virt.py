#!/usr/bin/env python3
"""prep_virt.py virt.dts > base.dts

Turn QEMU's decompiled DT into the base of the platform DT: label the SMMUv3
node `apps_smmu` (the label sa8775p.dtsi gives its SMMU, so the series' overlay
resolves), give every CPU `enable-method = "psci"` (QEMU adds none with
secure=on: PSCI is the EL3 double's, ABI.md "Machine"), and drop the random
seeds so the DTB is reproducible."""
import re
import sys

src = open(sys.argv[1], encoding="utf-8").read()
src, n = re.subn(r"^(\s*)(smmuv3@[0-9a-f]+ \{)", r"\1apps_smmu: \2", src, flags=re.M)
if n != 1:
    sys.exit(f"expected one smmuv3 node in QEMU's DT, found {n}")
src, n = re.subn(r"^([ \t]*)(cpu@[0-9a-f]+ \{\n)", r'\1\2\1\tenable-method = "psci";\n', src, flags=re.M)
if n < 1:
    sys.exit("expected cpu@N nodes in QEMU's DT")
src = re.sub(r"^\s*(rng-seed|kaslr-seed) = .*;\n", "", src, flags=re.M)
sys.stdout.write(src)
