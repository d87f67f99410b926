#!/usr/bin/env python3
"""Carry the hand-written parts of a cover letter into a regenerated one.

Usage: cover_merge.py OLD NEW  (NEW is rewritten in place)

Kept from OLD: the sender (From:), the subject text, To:/Cc: headers and the blurb (everything
between the headers and the shortlog). Taken from NEW: the rest, i.e. what
git format-patch computes (shortlog, diffstat, patch count).
"""
import re
import sys

SHORTLOG = re.compile(r"^\S.* \(\d+\):$")


def split(text):
    head, _, body = text.partition("\n\n")
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if SHORTLOG.match(line):
            return head.split("\n"), "\n".join(lines[:i]), "\n".join(lines[i:])
    return head.split("\n"), body, ""


def main(old_path, new_path):
    old_head, old_blurb, _ = split(open(old_path).read())
    new_head, _, new_tail = split(open(new_path).read())
    subject = next(l for l in old_head if l.startswith("Subject: "))
    subject_text = re.sub(r"^Subject: \[[^]]*\] ", "", subject)
    # Continuation lines of a folded To:/Cc: header start with whitespace.
    keep, take = [], False
    for line in old_head:
        if line.startswith(("To: ", "Cc: ")):
            take = True
        elif not line[:1].isspace():
            take = False
        if take:
            keep.append(line)
    sender = next((l for l in old_head if l.startswith("From: ")), None)
    head = []
    for line in new_head:
        if line.startswith("From: ") and sender:
            line = sender
        if line.startswith(("To: ", "Cc: ")) or line[:1].isspace():
            continue
        if line.startswith("Subject: "):
            line = re.sub(r"\*\*\* SUBJECT HERE \*\*\*", subject_text, line)
            head.append(line)
            head.extend(keep)
            continue
        head.append(line)
    with open(new_path, "w") as f:
        f.write("\n".join(head) + "\n\n" + old_blurb + "\n" + new_tail)


if __name__ == "__main__":
    main(*sys.argv[1:])
