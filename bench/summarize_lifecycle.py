"""Table and chart of bench/tenant-lifecycle: onboarding time by position in the row, and the two offboardings."""
import csv
import json
import statistics
import sys
from pathlib import Path


def chart(rows, path):
    """An SVG line of onboarding seconds against the position in the row, with the median as a dashed line."""
    width, height, left, bottom, top = 640, 300, 50, 40, 20
    seconds = [row[1] for row in rows]
    high = max(seconds) * 1.1
    x = lambda position: left + (width - left - 10) * (position - 1) / max(1, len(rows) - 1)
    y = lambda value: top + (height - top - bottom) * (1 - value / high)
    points = " ".join(f"{x(p):.1f},{y(v):.1f}" for p, v in rows)
    median = statistics.median(seconds)
    ticks = "".join(
        f'<line x1="{left}" x2="{width - 10}" y1="{y(high * k / 4):.1f}" y2="{y(high * k / 4):.1f}" stroke="#ddd"/>'
        f'<text x="{left - 6}" y="{y(high * k / 4) + 4:.1f}" text-anchor="end">{high * k / 4:.2f}</text>'
        for k in range(5))
    step = max(1, len(rows) // 4)
    ticks += "".join(
        f'<text x="{x(position):.1f}" y="{height - bottom + 16}" text-anchor="middle">{position}</text>'
        for position in sorted({1, *range(step, len(rows) + 1, step)}))
    path.write_text(f"""<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="11">
<title>Onboarding time of each tenant, in the order onboarded</title>
{ticks}
<polyline fill="none" stroke="#1f5fa8" stroke-width="1.5" points="{points}"/>
<line x1="{left}" x2="{width - 10}" y1="{y(median):.1f}" y2="{y(median):.1f}" stroke="#c0392b" stroke-dasharray="4 3"/>
<text x="{width - 12}" y="{y(median) - 4:.1f}" text-anchor="end" fill="#c0392b">median {median:.3f} s</text>
<text x="{(width + left) / 2}" y="{height - 8}" text-anchor="middle">tenant onboarded (1 = first)</text>
<text x="12" y="{top + 100}" transform="rotate(-90 12 {top + 100})" text-anchor="middle">seconds</text>
</svg>
""")


def main():
    out = Path(sys.argv[1])
    empty_seconds, full_seconds = float(sys.argv[2]), float(sys.argv[3])
    deleted = json.loads(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else {}
    with open(out / "results.csv") as results:
        rows = [(int(row["position"]), float(row["seconds"])) for row in csv.DictReader(results)]
    seconds = [s for _, s in rows]
    tenth = max(1, len(rows) // 10)
    first, last = statistics.median(seconds[:tenth]), statistics.median(seconds[-tenth:])
    lines = [
        "| measure | value |",
        "|---|---|",
        f"| tenants onboarded in a row | {len(rows)} |",
        f"| onboarding, median / p90 / max | {statistics.median(seconds):.3f} s / "
        f"{sorted(seconds)[int(len(seconds) * 0.9) - 1]:.3f} s / {max(seconds):.3f} s |",
        f"| onboarding, median of the last {tenth} / of the first {tenth} | {last:.3f} s / {first:.3f} s = {last / first:.2f} |",
        f"| offboarding an empty tenant | {empty_seconds:.2f} s |",
        f"| offboarding a tenant with {deleted.get('itemsDeleted', '?')} DynamoDB items and "
        f"{deleted.get('documentsDeleted', '?')} documents | {full_seconds:.2f} s ({full_seconds / empty_seconds:.1f} x the empty one) |",
    ]
    (out / "table.md").write_text("\n".join(lines) + "\n")
    chart(rows, out / "chart.svg")
    print("\n".join(lines))
    print(f"\nwritten: {out / 'results.csv'}, {out / 'table.md'}, {out / 'chart.svg'}")


if __name__ == "__main__":
    main()
