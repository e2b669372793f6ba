#!/usr/bin/env python3
"""Writes a deterministic, facts-shaped CSV of N rows (default 1,000,000).

Columns: id (integer), district (Chinese, 12 values), field (ASCII, 24
values), project (Chinese, high cardinality), code (ASCII, high
cardinality), value (decimal), day (date). The same seed gives the same
bytes on every machine.
"""
import random, sys, datetime

def main(path, rows):
    rng = random.Random(20230331)
    districts = ["西部科学城", "大学城", "曾家镇", "莲花湖片区", "金凤镇", "含谷镇", "白市驿镇", "走马镇", "巴福镇", "香炉山街道", "西永街道", "虎溪街道"]
    fields = [f"field_{i:02d}" for i in range(24)]
    words = ["实验室", "研究院", "科学中心", "创新平台", "大科学装置", "产业园", "孵化器", "工程中心"]
    start = datetime.date(2020, 1, 1)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("id,district,field,project,code,value,day\n")
        out = []
        for i in range(rows):
            d = districts[rng.randrange(len(districts))]
            fld = fields[rng.randrange(len(fields))]
            project = f"{words[rng.randrange(len(words))]}{rng.randrange(200000)}号"
            code = f"C{rng.randrange(10**9):09d}"
            value = rng.randrange(1, 10**7) / 100
            day = start + datetime.timedelta(days=rng.randrange(1500))
            out.append(f"{i},{d},{fld},{project},{code},{value:.2f},{day.isoformat()}\n")
            if len(out) >= 10000:
                f.write("".join(out))
                out = []
        f.write("".join(out))

if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000)
