"""Medians of bench/jvm-vs-native's rounds: a Markdown table and an SVG bar chart (standard library only).

Usage: summarize.py results.csv SERVICE JAR_BYTES EXECUTABLE_BYTES [...] --table table.md --chart chart.svg
"""
import argparse
import csv
import statistics
from collections import defaultdict
from xml.sax.saxutils import escape

METRICS = [  # column, label, unit, lower is better
    ("start_s", "Start to first successful request", "s", True),
    ("rss_idle_mb", "RSS idle", "MB", True),
    ("rss_after_mb", "RSS after the load", "MB", True),
    ("requests_per_s", "Throughput, 16 connections", "req/s", False),
    ("p50_ms", "Latency p50", "ms", True),
    ("p99_ms", "Latency p99", "ms", True),
    ("size_mb", "Jar folder / executable size", "MB", True),
]
VARIANTS = ("jvm", "native")
COLOURS = {"jvm": "#4e79a7", "native": "#f28e2b"}


def shown(value):
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def medians(rows, sizes):
    samples = defaultdict(list)
    for row in rows:
        for column, *_ in METRICS:
            if column in row:
                samples[(row["service"], row["variant"], column)].append(float(row[column]))
    result = {key: statistics.median(values) for key, values in samples.items()}
    for service, (jar, executable) in sizes.items():
        result[(service, "jvm", "size_mb")] = jar / 1e6
        result[(service, "native", "size_mb")] = executable / 1e6
    return result


def table(services, result, rounds):
    lines = [f"Medians of {rounds} rounds per variant.", "",
             "| Service | Measure | JVM | Native | Native / JVM |", "|---|---|---:|---:|---:|"]
    for service in services:
        for column, label, unit, _ in METRICS:
            jvm, native = result[(service, "jvm", column)], result[(service, "native", column)]
            ratio = f"{native / jvm:.2f}" if jvm else "n/a"
            lines.append(f"| {service} | {label} ({unit}) | {shown(jvm)} | {shown(native)} | {ratio} |")
    return "\n".join(lines) + "\n"


def chart(services, result):
    """One panel per measure; in each, a pair of bars (JVM, native) per service, scaled to the panel's maximum."""
    panel_w, panel_h, top, columns = 300, 190, 50, 4
    rows = -(-len(METRICS) // columns)
    width, height = panel_w * columns + 20, top + rows * panel_h + 20
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           '<text x="10" y="20" font-size="15" font-weight="bold">JVM jar vs native executable '
           '(medians; lower is better except throughput)</text>']
    for i, variant in enumerate(VARIANTS):
        svg.append(f'<rect x="{10 + i * 90}" y="30" width="12" height="12" fill="{COLOURS[variant]}"/>'
                   f'<text x="{26 + i * 90}" y="40">{variant.upper() if variant == "jvm" else "native"}</text>')
    for index, (column, label, unit, _) in enumerate(METRICS):
        x0 = 10 + (index % columns) * panel_w
        y0 = top + (index // columns) * panel_h
        values = [result[(s, v, column)] for s in services for v in VARIANTS]
        peak = max(values) or 1
        bar_area = panel_h - 82
        svg.append(f'<text x="{x0}" y="{y0 + 14}" font-weight="bold">{escape(label)} ({unit})</text>')
        for s_index, service in enumerate(services):
            group_x = x0 + 10 + s_index * 140
            for v_index, variant in enumerate(VARIANTS):
                value = result[(service, variant, column)]
                h = max(1.0, bar_area * value / peak)
                bx, by = group_x + v_index * 55, y0 + 36 + bar_area - h
                svg.append(f'<rect x="{bx}" y="{by:.1f}" width="48" height="{h:.1f}" fill="{COLOURS[variant]}"/>')
                svg.append(f'<text x="{bx + 24}" y="{by - 3:.1f}" text-anchor="middle">{shown(value)}</text>')
            svg.append(f'<text x="{group_x + 51}" y="{y0 + 52 + bar_area}" text-anchor="middle">{service}</text>')
    svg.append("</svg>")
    return "\n".join(svg) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("sizes", nargs="*", help="SERVICE JAR_BYTES EXECUTABLE_BYTES, repeated")
    parser.add_argument("--table", required=True)
    parser.add_argument("--chart", required=True)
    args = parser.parse_args()
    with open(args.results, newline="") as f:
        rows = list(csv.DictReader(f))
    sizes = {args.sizes[i]: (int(args.sizes[i + 1]), int(args.sizes[i + 2])) for i in range(0, len(args.sizes), 3)}
    services = list(dict.fromkeys(row["service"] for row in rows))
    rounds = max(int(row["round"]) for row in rows)
    result = medians(rows, sizes)
    markdown = table(services, result, rounds)
    with open(args.table, "w") as f:
        f.write(markdown)
    with open(args.chart, "w") as f:
        f.write(chart(services, result))
    print(markdown)


if __name__ == "__main__":
    main()
