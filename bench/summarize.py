"""Medians of bench/jvm-vs-native's rounds: a Markdown table and an SVG bar chart (standard library only).

Usage: summarize.py results.csv SERVICE JAR_BYTES EXECUTABLE_BYTES [...] --table table.md --chart chart.svg
                    [--tuned "RUNTIME OPTIONS"]
With --tuned, the rows of variant native-tuned (the same executable started with those options) get columns of their own.
"""
import argparse
import csv
import statistics
from collections import defaultdict
from xml.sax.saxutils import escape

METRICS = [  # column, label, unit, lower is better
    ("start_s", "Start to first successful request", "s", True),
    ("rss_idle_mb", "RSS idle", "MB", True),
    ("rss_idle_anon_mb", "RSS idle, anonymous", "MB", True),
    ("rss_idle_file_mb", "RSS idle, mapped files", "MB", True),
    ("rss_after_mb", "RSS after the load", "MB", True),
    ("requests_per_s", "Throughput, 16 connections", "req/s", False),
    ("p50_ms", "Latency p50", "ms", True),
    ("p99_ms", "Latency p99", "ms", True),
    ("size_mb", "Jar folder / executable size", "MB", True),
]
COLOURS = {"jvm": "#4e79a7", "native": "#f28e2b", "native-tuned": "#59a14f"}
NAMES = {"jvm": "JVM", "native": "Native", "native-tuned": "Native tuned"}


def shown(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def medians(rows, sizes, variants):
    samples = defaultdict(list)
    for row in rows:
        for column, *_ in METRICS:
            if column in row:
                samples[(row["service"], row["variant"], column)].append(float(row[column]))
    result = {key: statistics.median(values) for key, values in samples.items()}
    for service, (jar, executable) in sizes.items():
        for variant in variants:
            result[(service, variant, "size_mb")] = (jar if variant == "jvm" else executable) / 1e6
    return result


def table(services, result, rounds, variants, tuned):
    others = [variant for variant in variants if variant != "jvm"]
    heading = "| Service | Measure | JVM | " + " | ".join(f"{NAMES[v]} | {NAMES[v]} / JVM" for v in others) + " |"
    lines = [f"Medians of {rounds} rounds per variant." + (f" Native tuned: the executable started with `{tuned}`."
                                                           if tuned else ""), "",
             heading, "|---|---|---:|" + "---:|---:|" * len(others)]
    for service in services:
        for column, label, unit, _ in METRICS:
            jvm = result[(service, "jvm", column)]
            cells = []
            for variant in others:
                value = result[(service, variant, column)]
                cells += [shown(value), f"{value / jvm:.2f}" if jvm else "n/a"]
            lines.append(f"| {service} | {label} ({unit}) | {shown(jvm)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def chart(services, result, variants):
    """One panel per measure; in each, a group of bars (JVM, native, ...) per service, scaled to the panel's maximum."""
    panel_w, panel_h, top, columns = 300, 190, 50, 4
    rows = -(-len(METRICS) // columns)
    width, height = panel_w * columns + 20, top + rows * panel_h + 20
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           '<text x="10" y="20" font-size="15" font-weight="bold">JVM jar vs native executable '
           '(medians; lower is better except throughput)</text>']
    bar_w = 96 // len(variants)
    for i, variant in enumerate(variants):
        svg.append(f'<rect x="{10 + i * 110}" y="30" width="12" height="12" fill="{COLOURS[variant]}"/>'
                   f'<text x="{26 + i * 110}" y="40">{NAMES[variant]}</text>')
    for index, (column, label, unit, _) in enumerate(METRICS):
        x0 = 10 + (index % columns) * panel_w
        y0 = top + (index // columns) * panel_h
        values = [result[(s, v, column)] for s in services for v in variants]
        peak = max(values) or 1
        bar_area = panel_h - 82
        svg.append(f'<text x="{x0}" y="{y0 + 14}" font-weight="bold">{escape(label)} ({unit})</text>')
        for s_index, service in enumerate(services):
            group_x = x0 + 10 + s_index * 140
            for v_index, variant in enumerate(variants):
                value = result[(service, variant, column)]
                h = max(1.0, bar_area * value / peak)
                bx, by = group_x + v_index * (bar_w + 7), y0 + 36 + bar_area - h
                svg.append(f'<rect x="{bx}" y="{by:.1f}" width="{bar_w}" height="{h:.1f}" fill="{COLOURS[variant]}"/>')
                svg.append(f'<text x="{bx + bar_w / 2}" y="{by - 3:.1f}" text-anchor="middle">{shown(value)}</text>')
            svg.append(f'<text x="{group_x + 51}" y="{y0 + 52 + bar_area}" text-anchor="middle">{service}</text>')
    svg.append("</svg>")
    return "\n".join(svg) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("sizes", nargs="*", help="SERVICE JAR_BYTES EXECUTABLE_BYTES, repeated")
    parser.add_argument("--table", required=True)
    parser.add_argument("--chart", required=True)
    parser.add_argument("--tuned", default="")
    args = parser.parse_args()
    with open(args.results, newline="") as f:
        rows = list(csv.DictReader(f))
    sizes = {args.sizes[i]: (int(args.sizes[i + 1]), int(args.sizes[i + 2])) for i in range(0, len(args.sizes), 3)}
    services = list(dict.fromkeys(row["service"] for row in rows))
    rounds = max(int(row["round"]) for row in rows)
    variants = [variant for variant in COLOURS if any(row["variant"] == variant for row in rows)]
    result = medians(rows, sizes, variants)
    markdown = table(services, result, rounds, variants, args.tuned)
    with open(args.table, "w") as f:
        f.write(markdown)
    with open(args.chart, "w") as f:
        f.write(chart(services, result, variants))
    print(markdown)


if __name__ == "__main__":
    main()
