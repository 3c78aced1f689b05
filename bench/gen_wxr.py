#!/usr/bin/env python3
"""Writes a WordPress export (WXR 1.2) with N comments for the import benchmark.

Posts of PER_POST comments each (default 50); about a third of the comments
reply to an earlier comment of the same post. Bodies are 150 to 600 characters
of comment HTML as WordPress stores it (line breaks, <a>, <strong>, <em>,
<blockquote>, entities); one comment in ten carries wpDiscuz vote meta, one in
fifty is pending and one in a hundred is a pingback. A fixed seed makes every
run write the same file. Streams to the output, so memory stays flat.
Standard library only.

Usage: gen_wxr.py OUT.xml [N] [PER_POST]
"""

import random
import sys

WORDS = (
    "the ministry said on Tuesday that court hearing opposition journalists were "
    "detained without charge after a protest outside parliament while observers "
    "from several embassies asked for access to the prison and families waited "
    "for news of lawyers who had not been allowed to see their clients since the "
    "arrests began last month in the capital and two provinces near the border "
    "reporters spoke to farmers teachers monks students and union leaders about "
    "land disputes wages elections and what freedom of the press means to them"
).split()
NAMES = ["Sokha", "Dara", "Chenda", "Vanna", "Rith", "Maly", "Bopha", "Kosal", "Srey Pov", "Anonymous"]


def sentence(rng):
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
    words[0] = words[0].capitalize()
    return " ".join(words) + rng.choice([".", ".", "?", "!"])


def body(rng):
    target = rng.randint(150, 600)
    parts = []
    size = 0
    while size < target:
        s = sentence(rng)
        roll = rng.random()
        if roll < 0.08:
            s = "<strong>" + s + "</strong>"
        elif roll < 0.16:
            s = "<em>" + s + "</em>"
        elif roll < 0.22:
            s = '<a href="https://news.example.org/2024/story-%d">%s</a>' % (rng.randint(1, 9999), s)
        elif roll < 0.26:
            s = "<blockquote>" + s + "</blockquote>"
        elif roll < 0.30:
            s = s.replace(" and ", " &amp; ", 1) + " &#8220;quoted&#8221;"
        parts.append(s)
        parts.append(rng.choice([" ", " ", "\n", "\n\n"]))
        size += len(s) + 1
    return "".join(parts).strip()


def main():
    out_path = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    per_post = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    rng = random.Random(20261129)
    with open(out_path, "w", encoding="utf-8", buffering=1 << 20) as out:
        out.write('<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0"\n'
                  '\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
                  '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
                  '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
                  '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
                  '\txmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
                  '\t<title>Benchmark News</title>\n\t<wp:wxr_version>1.2</wp:wxr_version>\n'
                  '\t<wp:base_site_url>https://news.example.org</wp:base_site_url>\n')
        comment_id = 0
        post_id = 0
        while comment_id < total:
            post_id += 1
            out.write("\t<item>\n\t\t<title><![CDATA[%s]]></title>\n" % sentence(rng)[:80])
            out.write("\t\t<link>https://news.example.org/%d/%02d/story-%d/</link>\n"
                      % (2015 + post_id % 10, 1 + post_id % 12, post_id))
            out.write("\t\t<wp:post_id>%d</wp:post_id>\n" % post_id)
            out.write("\t\t<wp:post_date_gmt><![CDATA[2020-01-01 00:00:00]]></wp:post_date_gmt>\n")
            out.write("\t\t<wp:comment_status><![CDATA[open]]></wp:comment_status>\n")
            out.write("\t\t<wp:post_type><![CDATA[post]]></wp:post_type>\n")
            first = comment_id + 1
            for _ in range(min(per_post, total - comment_id)):
                comment_id += 1
                parent = 0
                if comment_id > first and rng.random() < 0.33:
                    parent = rng.randint(first, comment_id - 1)
                roll = rng.random()
                approved = "0" if roll < 0.02 else "1"
                ctype = "pingback" if rng.random() < 0.01 else ""
                seconds = comment_id * 37
                date = "20%02d-%02d-%02d %02d:%02d:%02d" % (
                    20 + seconds // 31_000_000 % 5, 1 + seconds // 2_600_000 % 12, 1 + seconds // 86_400 % 28,
                    seconds // 3600 % 24, seconds // 60 % 60, seconds % 60)
                name = rng.choice(NAMES)
                out.write("\t\t<wp:comment>\n")
                out.write("\t\t\t<wp:comment_id>%d</wp:comment_id>\n" % comment_id)
                out.write("\t\t\t<wp:comment_author><![CDATA[%s]]></wp:comment_author>\n" % name)
                out.write("\t\t\t<wp:comment_author_email><![CDATA[reader%d@example.org]]></wp:comment_author_email>\n"
                          % (comment_id % 5000))
                out.write("\t\t\t<wp:comment_author_IP><![CDATA[192.0.2.%d]]></wp:comment_author_IP>\n"
                          % (comment_id % 250))
                out.write("\t\t\t<wp:comment_date><![CDATA[%s]]></wp:comment_date>\n" % date)
                out.write("\t\t\t<wp:comment_date_gmt><![CDATA[%s]]></wp:comment_date_gmt>\n" % date)
                out.write("\t\t\t<wp:comment_content><![CDATA[%s]]></wp:comment_content>\n" % body(rng))
                out.write("\t\t\t<wp:comment_approved><![CDATA[%s]]></wp:comment_approved>\n" % approved)
                out.write("\t\t\t<wp:comment_type><![CDATA[%s]]></wp:comment_type>\n" % ctype)
                out.write("\t\t\t<wp:comment_parent>%d</wp:comment_parent>\n" % parent)
                if rng.random() < 0.1:
                    like, dislike = rng.randint(0, 40), rng.randint(0, 10)
                    out.write("\t\t\t<wp:commentmeta>\n\t\t\t\t<wp:meta_key><![CDATA[wpdiscuz_votes_seperate]]></wp:meta_key>\n"
                              "\t\t\t\t<wp:meta_value><![CDATA[a:2:{s:4:\"like\";i:%d;s:7:\"dislike\";i:%d;}]]></wp:meta_value>\n"
                              "\t\t\t</wp:commentmeta>\n" % (like, dislike))
                out.write("\t\t</wp:comment>\n")
            out.write("\t</item>\n")
        out.write("</channel>\n</rss>\n")


if __name__ == "__main__":
    main()
