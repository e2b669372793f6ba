#!/usr/bin/env python3
"""Writes a deterministic, facts-shaped CSV of N rows (default 1,000,000).

Columns: id (integer), district (Chinese, 12 values), field (ASCII, 24
values), project (Chinese, high cardinality), code (ASCII, high
cardinality), value (decimal), day (date), site (ASCII, 80,000 values: the
key of the star join's dimension). The same seed gives the same bytes on
every machine; the site column has its own generator, so the first seven
columns are the same as before it was added.

With --sites PATH it writes the dimension instead: one row per site, its
region (40 values, Chinese) and capacity (integer).
"""
import random, sys, datetime

SITES = 80_000


def sites(path):
    rng = random.Random(20240229)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("site,region,capacity\n")
        f.write("".join(f"S{i:05d},区域{rng.randrange(40):02d},{rng.randrange(1, 1000)}\n" for i in range(SITES)))


def main(path, rows):
    rng = random.Random(20230331)
    site_rng = random.Random(7)
    districts = ["西部科学城", "大学城", "曾家镇", "莲花湖片区", "金凤镇", "含谷镇", "白市驿镇", "走马镇", "巴福镇", "香炉山街道", "西永街道", "虎溪街道"]
    fields = [f"field_{i:02d}" for i in range(24)]
    words = ["实验室", "研究院", "科学中心", "创新平台", "大科学装置", "产业园", "孵化器", "工程中心"]
    start = datetime.date(2020, 1, 1)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("id,district,field,project,code,value,day,site\n")
        out = []
        for i in range(rows):
            d = districts[rng.randrange(len(districts))]
            fld = fields[rng.randrange(len(fields))]
            project = f"{words[rng.randrange(len(words))]}{rng.randrange(200000)}号"
            code = f"C{rng.randrange(10**9):09d}"
            value = rng.randrange(1, 10**7) / 100
            day = start + datetime.timedelta(days=rng.randrange(1500))
            site = f"S{site_rng.randrange(SITES):05d}"
            out.append(f"{i},{d},{fld},{project},{code},{value:.2f},{day.isoformat()},{site}\n")
            if len(out) >= 10000:
                f.write("".join(out))
                out = []
        f.write("".join(out))

if __name__ == "__main__":
    if sys.argv[1] == "--sites":
        sites(sys.argv[2])
        sys.exit(0)
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
