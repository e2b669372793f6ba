#!/usr/bin/env python3
"""Runs many SQL queries in one Spark session (one JVM), for the
differential tests: Spark takes ~20 s to start, a query well under one.

usage: spark-batch.py CASES.json OUT_DIR [MASTER]
CASES.json is a list of {"setup": [SQL, ...], "select": SQL}. For case N
this writes OUT_DIR/N.json (the rows, as objects) or OUT_DIR/N.error.
"""
import json
import os
import sys
import tempfile

from pyspark.sql import SparkSession


def main():
    cases_path, out_dir = sys.argv[1], sys.argv[2]
    master = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("SPARK_MASTER", "local[*]")
    work = tempfile.mkdtemp(prefix="scicity-spark-")
    spark = (SparkSession.builder.master(master).appName("scicity-differential")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.ansi.enabled", "true")
             .config("spark.sql.session.timeZone", "UTC")
             .config("spark.sql.warehouse.dir", os.path.join(work, "warehouse"))
             .config("spark.sql.shuffle.partitions", "4")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    with open(cases_path, encoding="utf-8") as f:
        cases = json.load(f)
    for index, case in enumerate(cases):
        try:
            for statement in case["setup"]:
                spark.sql(statement)
            frame = spark.sql(case["select"])
            names = frame.columns
            rows = [dict(zip(names, row)) for row in frame.collect()]
            with open(os.path.join(out_dir, f"{index}.json"), "w", encoding="utf-8") as out:
                json.dump(rows, out, ensure_ascii=False)
        except Exception as error:  # the test compares: both engines must fail
            with open(os.path.join(out_dir, f"{index}.error"), "w", encoding="utf-8") as out:
                out.write(str(error)[:2000])
    spark.stop()


if __name__ == "__main__":
    main()
