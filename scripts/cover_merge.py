#!/usr/bin/env python3
"""Carry the hand-written parts of a cover letter into a regenerated one.

Usage: cover_merge.py OLD NEW  (NEW is rewritten in place)

Kept from OLD: the sender (From:), the subject text, To:/Cc: headers, the
blurb (everything between the headers and the shortlog) and b4's closing
trailers (change-id:, base-commit:, prerequisite-*:). Taken from NEW: the
rest, i.e. what git format-patch computes (shortlog, diffstat, patch count).
"""
import re
import sys

SHORTLOG = re.compile(r"^\S.* \(\d+\):$")
KEEP = ("From", "To", "Cc")


def headers(block):
    """[(name, text)] with folded continuation lines kept in text."""
    out = []
    for line in block.split("\n"):
        if line[:1].isspace() and out:
            out[-1] = (out[-1][0], out[-1][1] + "\n" + line)
        else:
            out.append((line.split(":", 1)[0], line))
    return out


def split(text):
    head, _, body = text.partition("\n\n")
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if SHORTLOG.match(line):
            return headers(head), "\n".join(lines[:i]), "\n".join(lines[i:])
    return headers(head), body, ""


def main(old_path, new_path):
    old_head, old_blurb, _ = split(open(old_path).read())
    new_head, _, new_tail = split(open(new_path).read())
    old = dict((n, t) for n, t in old_head if n in ("From", "Subject"))
    subject = re.sub(r"^Subject: \[[^]]*\] ", "", old["Subject"])
    head = []
    for name, text in new_head:
        if name in ("To", "Cc"):
            continue
        if name == "From" and "@" in old.get("From", ""):
            text = old["From"]
        if name == "Subject":
            text = text.replace("*** SUBJECT HERE ***", subject)
            head.append(text)
            head.extend(t for n, t in old_head if n in ("To", "Cc"))
            continue
        head.append(text)
    trailers = re.findall(r"^(?:change-id|base-commit|prerequisite-[a-z-]+): .*$",
                          open(old_path).read(), re.M)
    tail = new_tail
    if trailers:  # as b4 ends a cover letter
        tail = new_tail.rstrip("\n") + "\n---\n" + "\n".join(trailers) + "\n\n"
    with open(new_path, "w") as f:
        f.write("\n".join(head) + "\n\n" + old_blurb + "\n" + tail)


if __name__ == "__main__":
    main(*sys.argv[1:])
