#!/usr/bin/env python3
"""The ranking a pandas user would write: best measured point per series under the SLA
(no interpolation), cost per 1M total tokens at a flat $/GPU-hour, sorted by cost.

Usage: pandas_rank.py (--db CATALOG.sqlite | --csv POINTS.csv) --min-interactivity X
                      --max-ttft S --usd-per-gpu-hour P
Prints one JSON line: {"series": N, "feasible": F, "best_cost_per_m_total": C, "seconds": T}
(T: from before reading the data to the sorted ranking, without the interpreter's start)."""
import argparse
import json
import sqlite3
import time

import pandas as pd

KEY = ["model", "hardware", "engine", "precision", "spec_decoding", "isl", "osl", "run"]


def main():
    parser = argparse.ArgumentParser()
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db")
    source.add_argument("--csv")
    parser.add_argument("--min-interactivity", type=float, required=True)
    parser.add_argument("--max-ttft", type=float, required=True)
    parser.add_argument("--usd-per-gpu-hour", type=float, required=True)
    args = parser.parse_args()

    start = time.perf_counter()
    if args.db:
        with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as connection:
            series = pd.read_sql_query(
                "SELECT id AS series_id, model, hardware, engine, precision, spec_decoding,"
                " isl, osl, run FROM series", connection)
            points = pd.read_sql_query(
                "SELECT series_id, tput_per_gpu, interactivity_p50, ttft_p50_s FROM points",
                connection)
        key = "series_id"
    else:
        points = pd.read_csv(args.csv, usecols=["model", "hardware", "engine", "precision",
                                                "isl", "osl", "run", "tput_per_gpu",
                                                "interactivity_p50", "ttft_p50"])
        points = points.rename(columns={"ttft_p50": "ttft_p50_s"})
        key = ["model", "hardware", "engine", "precision", "isl", "osl", "run"]
        series = points[key].drop_duplicates()

    ok = (points["interactivity_p50"] >= args.min_interactivity) & (
        points["ttft_p50_s"] <= args.max_ttft) & (points["tput_per_gpu"] > 0)
    feasible = points[ok]
    # The best point of a series under the SLA is its highest throughput per GPU there.
    best = feasible.loc[feasible.groupby(key)["tput_per_gpu"].idxmax()].copy()
    best["cost_per_m_total"] = args.usd_per_gpu_hour / (best["tput_per_gpu"] * 3600.0) * 1e6
    ranking = series.merge(best, on=key, how="left").sort_values(
        "cost_per_m_total", na_position="last")
    seconds = time.perf_counter() - start
    cheapest = ranking["cost_per_m_total"].iloc[0] if len(ranking) else None
    print(json.dumps({
        "series": int(len(ranking)),
        "feasible": int(ranking["cost_per_m_total"].notna().sum()),
        "best_cost_per_m_total": None if pd.isna(cheapest) else float(cheapest),
        "seconds": seconds,
    }))


if __name__ == "__main__":
    main()
