"""bench/request-path's table and chart: the service path against its direct backend call, per concurrency level.

Standard library only. rows: dicts with scenario, connections, variant (direct or service), rps, p50_ms, p99_ms,
p999_ms. The claims are ratios of the two variants measured in the same run.
"""
import math
import statistics
from xml.sax.saxutils import escape

COLOURS = {"direct": "#4e79a7", "service": "#f28e2b", "static": "#59a14f", "tenant": "#f28e2b",
           "per-request": "#e15759", "unrouted": "#4e79a7", "routed": "#f28e2b", "aws-chunked": "#e15759",
           "plain-body": "#f28e2b"}
LABELS = {"direct": "direct to its backends", "service": "via the service", "static": "static key (bench)",
          "tenant": "tenant credentials", "per-request": "AssumeRole/request (bench)",
          "unrouted": "127.0.0.1 (token alone)", "routed": "tenant hostname",
          "aws-chunked": "aws-chunked (SDK default)", "plain-body": "plain body (application)"}
PERCENTILES = (("p50_ms", "p50", ""), ("p99_ms", "p99", "6,3"), ("p999_ms", "p99.9", "2,3"))


def _by_key(rows):
    return {(row["scenario"], int(row["connections"]), row["variant"]): row for row in rows}


def _scenarios(rows):
    return list(dict.fromkeys(row["scenario"] for row in rows))


def _levels(rows):
    return sorted({int(row["connections"]) for row in rows})


def _variants(rows, scenario):
    return list(dict.fromkeys(row["variant"] for row in rows if row["scenario"] == scenario))


def table(rows, sts):
    found = _by_key(rows)
    lines = ["| Endpoint | Connections | Direct req/s | Service req/s | Service / direct | Direct p50 ms | "
             "Service p50 ms | Added p50 ms | Direct p99 ms | Service p99 ms | Service p99.9 ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for scenario in _scenarios(rows):
        for level in _levels(rows):
            direct, service = found[(scenario, level, "direct")], found[(scenario, level, "service")]
            lines.append(f"| {scenario} | {level} | {float(direct['rps']):,.0f} | {float(service['rps']):,.0f} | "
                         f"{float(service['rps']) / float(direct['rps']):.2f} | {float(direct['p50_ms']):.2f} | "
                         f"{float(service['p50_ms']):.2f} | "
                         f"{float(service['p50_ms']) - float(direct['p50_ms']):.2f} | "
                         f"{float(direct['p99_ms']):.2f} | {float(service['p99_ms']):.2f} | "
                         f"{float(service['p999_ms']):.2f} |")
    if sts:
        lines += ["", f"STS: {sts['requests']:,} requests over {sts['tenants']} tenants' tokens made "
                      f"{sts['assume_role_calls']} AssumeRole calls at the edge ({sts['answered_404']:,} answered "
                      f"404 as expected: an unknown shipment)."]
    return "\n".join(lines) + "\n"


def cpu_table(rows):
    """Where the CPU goes: milliseconds of CPU per request in each process, at the highest concurrency."""
    found = _by_key(rows)
    level = _levels(rows)[-1]
    components = [column for column in rows[0] if column.startswith("cpu_")]
    names = [column[len("cpu_"):-len("_ms")] for column in components]
    lines = [f"CPU milliseconds per request in each process, {level} connections (from /proc, the measured run only):",
             "", "| Endpoint | Path | " + " | ".join(names) + " | total |",
             "|---|---|" + "---:|" * (len(names) + 1)]
    for scenario in _scenarios(rows):
        for variant in _variants(rows, scenario):
            row = found[(scenario, level, variant)]
            values = [float(row[column]) for column in components]
            lines.append(f"| {scenario} | {variant} | " + " | ".join(f"{value:.3f}" for value in values)
                         + f" | {sum(values):.3f} |")
    return "\n".join(lines) + "\n"


# Who owns a CPU sample: the first frame from the leaf that belongs to one of these (JDK collections, strings and
# reflection count for the library that called them).
OWNERS = [("org/jose4j", "JWT parsing and signature check (jose4j)"), ("io/quarkus/oidc", "OIDC (Quarkus)"),
          ("software/amazon/awssdk/http/auth", "AWS SDK signing"), ("software/amazon/awssdk/auth", "AWS SDK signing"),
          ("software/amazon/awssdk/protocols", "AWS SDK marshalling"), ("software/amazon/awssdk", "AWS SDK pipeline"),
          ("sun/net/www", "HTTP client (URL connection)"), ("io/opentelemetry", "OpenTelemetry"),
          ("io/micrometer", "Micrometer"), ("com/fasterxml/jackson", "Jackson JSON"),
          ("dev/shiptrack/tvm", "tenant-tvm"), ("dev/shiptrack", "tracking-service's own code"),
          ("org/jboss/resteasy", "REST (RESTEasy Reactive)"), ("io/quarkus/resteasy", "REST (RESTEasy Reactive)"),
          ("io/quarkus/vertx/http", "HTTP server (Vert.x, Netty)"), ("io/vertx", "HTTP server (Vert.x, Netty)"),
          ("io/netty", "HTTP server (Vert.x, Netty)"), ("io/quarkus/arc", "CDI (ArC)"),
          ("io/smallrye/context", "context propagation"), ("io/quarkus/security", "security"),
          ("org/jboss/logmanager", "logging"), ("java/security", "JDK crypto"), ("sun/security", "JDK crypto"),
          ("java/util/concurrent", "JDK concurrency")]


def profile_table(samples, allocations, requests, seconds, scenario, name="tracking-service"):
    """JFR execution samples (jfr print --json) of the service under load, by the library that owns each; and the
    bytes allocated per request (JFR's allocation samples, weighted), with the call sites that allocate most."""
    owners = {}
    for event in samples["recording"]["events"]:
        owner = "JDK, other"
        for frame in event["values"]["stackTrace"]["frames"]:
            owned = next((name for prefix, name in OWNERS if frame["method"]["type"]["name"].startswith(prefix)), None)
            if owned:
                owner = owned
                break
        owners[owner] = owners.get(owner, 0) + 1
    total = sum(owners.values())
    lines = [f"{name}'s CPU samples (JFR, {total} samples in {seconds} s, {requests:,} requests of "
             f"{scenario}), by the library that owns each:", "", "| Owner | Samples | Share |", "|---|---:|---:|"]
    for owner, count in sorted(owners.items(), key=lambda item: -item[1]):
        lines.append(f"| {owner} | {count} | {100 * count / total:.1f} % |")
    sites, allocated = {}, 0
    for event in allocations["recording"]["events"]:
        weight = event["values"]["weight"]
        allocated += weight
        frames = (event["values"].get("stackTrace") or {}).get("frames") or []
        # The allocating method and its caller name the site better than a JDK collection's growth alone.
        site = " < ".join(f"{frame['method']['type']['name'].rsplit('/', 1)[-1]}.{frame['method']['name']}"
                          for frame in frames[:2]) or "(no stack)"
        sites[site] = sites.get(site, 0) + weight
    lines += ["", f"Allocated: {allocated / requests / 1024:,.0f} KiB per request (JFR allocation samples, weighted); "
                  "the call sites that allocate most:", "", "| Call site (allocating method < caller) | KiB per request |",
              "|---|---:|"]
    for site, weight in sorted(sites.items(), key=lambda item: -item[1])[:8]:
        lines.append(f"| `{site}` | {weight / requests / 1024:,.1f} |")
    return "\n".join(lines) + "\n"


def median_rounds(rows):
    """One row per scenario, level and variant: of several rounds, the one with the median throughput."""
    rounds = {}
    for row in rows:
        rounds.setdefault((row["scenario"], int(row["connections"]), row["variant"]), []).append(row)
    return [sorted(measured, key=lambda row: float(row["rps"]))[(len(measured) - 1) // 2]
            for measured in rounds.values()]


def variants_table(rows, part, variants, baseline, title):
    """One endpoint on service instances that differ in one setting, each against the baseline measured in the same
    round; with several rounds, the median of their ratios and its range, and the median of each figure."""
    rounds = {}
    for row in rows:
        if row["scenario"] == part:
            rounds.setdefault(int(row["connections"]), {}).setdefault(int(row["round"]), {})[row["variant"]] = row
    count = max(len(by_round) for by_round in rounds.values())
    lines = [f"| {title} | Connections | req/s | vs {LABELS[baseline]} | range of {count} rounds | p50 ms | p99 ms | "
             "p99.9 ms |", "|---|---:|---:|---:|---|---:|---:|---:|"]
    for level in sorted(rounds):
        measured = list(rounds[level].values())
        for variant in variants:
            ratios = [float(run[variant]["rps"]) / float(run[baseline]["rps"]) for run in measured]

            def median(column):
                return statistics.median(float(run[variant][column]) for run in measured)

            lines.append(f"| {LABELS[variant]} | {level} | {median('rps'):,.0f} | {statistics.median(ratios):.2f} | "
                         f"{min(ratios):.2f} to {max(ratios):.2f} | {median('p50_ms'):.2f} | {median('p99_ms'):.2f} | "
                         f"{median('p999_ms'):.2f} |")
    return "\n".join(lines) + "\n"


def routing_table(rows):
    """events-read on a tenant hostname against the same request on 127.0.0.1, side by side in one process."""
    found = _by_key(rows)
    lines = ["Tenant routing: events-read on yellow.shiptrack.localhost (registry lookup and host-token agreement) "
             "against 127.0.0.1 (the token alone), same tracking-service process, alternating:", "",
             "| Connections | Unrouted req/s | Routed req/s | Routed / unrouted | Unrouted p50 ms | Routed p50 ms | "
             "Added p50 ms | Unrouted p99 ms | Routed p99 ms |", "|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for level in _levels(rows):
        plain, routed = found[("routing", level, "unrouted")], found[("routing", level, "routed")]
        lines.append(f"| {level} | {float(plain['rps']):,.0f} | {float(routed['rps']):,.0f} | "
                     f"{float(routed['rps']) / float(plain['rps']):.2f} | {float(plain['p50_ms']):.2f} | "
                     f"{float(routed['p50_ms']):.2f} | {float(routed['p50_ms']) - float(plain['p50_ms']):.2f} | "
                     f"{float(plain['p99_ms']):.2f} | {float(routed['p99_ms']):.2f} |")
    return "\n".join(lines) + "\n"


def noisy_neighbour_table(rows):
    """A quiet tenant alone and beside a flood at ten times another tenant's limit (runs of each averaged)."""
    def mean(variant, column):
        values = [float(row[column]) for row in rows if row["variant"] == variant]
        return sum(values) / len(values)

    beside = [row for row in rows if row["variant"] == "beside"]
    flood_rps = sum(row["flood_rps"] for row in beside) / len(beside)
    refused = sum(row["flood_throttled"] for row in beside) / len(beside)
    lines = ["Noisy neighbour: a premium tenant's events-read (1 connection) alone and beside bob's flood (basic, "
             f"20 requests/s) at {flood_rps:,.0f} requests/s ({flood_rps / 20:.1f} times his limit, "
             f"{100 * refused:.0f} % answered 429):", "",
             "| Quiet tenant | req/s | p50 ms | p99 ms | p99.9 ms |", "|---|---:|---:|---:|---:|"]
    for variant in ("alone", "beside"):
        lines.append(f"| {variant} | {mean(variant, 'rps'):,.0f} | {mean(variant, 'p50_ms'):.2f} | "
                     f"{mean(variant, 'p99_ms'):.2f} | {mean(variant, 'p999_ms'):.2f} |")
    lines.append(f"| beside / alone | {mean('beside', 'rps') / mean('alone', 'rps'):.2f} | "
                 f"{mean('beside', 'p50_ms') / mean('alone', 'p50_ms'):.2f} | "
                 f"{mean('beside', 'p99_ms') / mean('alone', 'p99_ms'):.2f} | |")
    return "\n".join(lines) + "\n"


def startup_table(starts):
    """Start to the first 200, split into Quarkus' own start (its "started in", from the JVM's start) and the rest:
    the launcher before Quarkus' clock runs, the first request's work (OIDC keys, STS, the backend) on a cold JIT."""
    lines = ["| Service (JVM) | Start to first 200, each round (s) | Median (s) | Quarkus \"started in\", median (s) |"
             " The rest: first request and launch, median (s) |", "|---|---|---:|---:|---:|"]
    for service in dict.fromkeys(start["service"] for start in starts):
        runs = [start for start in starts if start["service"] == service]
        seconds = sorted(run["seconds"] for run in runs)
        started = [run["quarkus_started_s"] for run in runs if run.get("quarkus_started_s") is not None]
        rest = [run["seconds"] - run["quarkus_started_s"] for run in runs if run.get("quarkus_started_s") is not None]
        lines.append(f"| {service} | {', '.join(f'{value:.2f}' for value in seconds)} | {statistics.median(seconds):.2f} | "
                     + (f"{statistics.median(started):.2f} | {statistics.median(rest):.2f} |" if started else "n/a | n/a |"))
    return "\n".join(lines) + "\n"


def _start_parts(starts, service, shown):
    """One service's Quarkus start in parts, medians of its rounds: its slowest steps and then the other steps together
    and the time outside every step, each as (label, ms); the median start in ms; the rounds measured."""
    runs = [start for start in starts if start["service"] == service and start.get("steps_ms")]
    names = dict.fromkeys(name for run in runs for name in run["steps_ms"])
    medians = {name: statistics.median(run["steps_ms"].get(name, 0) for run in runs) for name in names}
    slowest = sorted(medians, key=medians.get, reverse=True)[:shown]
    others = statistics.median(sum(ms for name, ms in run["steps_ms"].items() if name not in slowest) for run in runs)
    outside = statistics.median(1000 * run["quarkus_started_s"] - sum(run["steps_ms"].values()) for run in runs)
    steps = [(name, medians[name]) for name in slowest]
    rest = [(f"the other {len(names) - len(slowest)} steps", others), ("outside every step", outside)]
    return steps, rest, statistics.median(1000 * run["quarkus_started_s"] for run in runs), runs


def startup_steps_table(starts, shown=8):
    """Where Quarkus' own start goes, per service: its slowest start-up steps (median of the rounds), the other steps
    together, and the time outside every step (the JVM before Quarkus' main, loading classes between steps)."""
    lines = []
    for service in _started_services(starts):
        steps, rest, started_ms, runs = _start_parts(starts, service, shown)
        lines += [f"{service}: Quarkus started in {started_ms:.0f} ms (median of {len(runs)})", "",
                  "| Start-up step | Median (ms) | Share |", "|---|---:|---:|"]
        lines += [f"| {label} | {ms:.0f} | {100 * ms / started_ms:.1f} % |"
                  for label, ms in [(f"`{name}`", ms) for name, ms in steps] + rest]
        lines.append("")
    return "\n".join(lines)


def _started_services(starts):
    return [service for service in dict.fromkeys(start["service"] for start in starts)
            if any(start["service"] == service and start.get("steps_ms") for start in starts)]


def startup_chart(starts, shown=8):
    """Per service, one bar of Quarkus' own start (median) split into its slowest steps, the other steps and the time
    outside every step, and after it the rest of the way to the first 200 (the first request and the launch)."""
    services = _started_services(starts)
    left, top, bar_h, gap, scale = 20, 70, 26, 120, 0.24
    palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7"]
    width, height = 1000, top + len(services) * gap + 40
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
           f'font-size="11">', f'<rect width="{width}" height="{height}" fill="white"/>',
           '<text x="10" y="20" font-size="15" font-weight="bold">Where a JVM start goes: Quarkus start-up steps, '
           'then the first request (bench/request-path --parts startup)</text>',
           f'<text x="10" y="40">median of {max(start["round"] for start in starts)} rounds, milliseconds; '
           f'1 px = {1 / scale:.1f} ms</text>']
    for index, service in enumerate(services):
        steps, rest, _, runs = _start_parts(starts, service, shown)
        segments = [(name.replace("BuildStep", "").replace("Processor", ""), ms, colour)
                    for (name, ms), colour in zip(steps, palette)]
        segments += [(label, ms, colour) for (label, ms), colour in zip(rest, ("#bab0ac", "#d9d9d9"))]
        segments.append(("first request and launch", statistics.median(
            1000 * (run["seconds"] - run["quarkus_started_s"]) for run in runs), "#ffffff"))
        y = top + index * gap
        total = statistics.median(1000 * run["seconds"] for run in runs)
        svg.append(f'<text x="{left}" y="{y - 6}" font-weight="bold">{escape(service)}: {total:.0f} ms to the first '
                   f'200</text>')
        x = left
        for number, (label, ms, colour) in enumerate(segments):
            w = max(ms * scale, 0)
            svg.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{colour}" stroke="#555"/>')
            # The legend under the bar, in the bar's order, three columns.
            legend_x, legend_y = left + 320 * (number % 3), y + bar_h + 18 + 15 * (number // 3)
            svg.append(f'<rect x="{legend_x}" y="{legend_y - 9}" width="10" height="10" fill="{colour}" '
                       f'stroke="#555"/><text x="{legend_x + 14}" y="{legend_y}">{escape(label)} {ms:.0f}</text>')
            x += w
        target_x = left + 1500 * scale
        svg.append(f'<line x1="{target_x}" y1="{y - 4}" x2="{target_x}" y2="{y + bar_h + 4}" stroke="black" '
                   f'stroke-width="2" stroke-dasharray="4,2"/><text x="{target_x + 4}" y="{y - 6}">target 1.5 s</text>')
    svg.append("</svg>")
    return "\n".join(svg) + "\n"


def chart(rows):
    """Per endpoint: throughput against connections (left) and latency percentiles on a log scale (right)."""
    scenarios, levels = _scenarios(rows), _levels(rows)
    found = _by_key(rows)
    panel_w, panel_h, top, left = 330, 230, 50, 56
    width, height = 2 * panel_w + 40, top + len(scenarios) * panel_h + 20
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           '<text x="10" y="20" font-size="15" font-weight="bold">Request path, local run '
           '(bench/request-path)</text>']
    for i, (_, label, dash) in enumerate(PERCENTILES):
        x = 10 + i * 90
        svg.append(f'<line x1="{x}" y1="34" x2="{x + 24}" y2="34" stroke="black" stroke-dasharray="{dash}"/>'
                   f'<text x="{x + 28}" y="38">{label}</text>')

    def x_of(x0, level):
        span = math.log(levels[-1] / levels[0]) if len(levels) > 1 else 1
        return x0 + left + (panel_w - left - 20) * (math.log(level / levels[0]) / span if len(levels) > 1 else 0.5)

    for index, scenario in enumerate(scenarios):
        y0 = top + index * panel_h
        plot_h = panel_h - 70
        variants = _variants(rows, scenario)
        legend_x = 200
        for variant in variants:
            svg.append(f'<rect x="{legend_x}" y="{y0 + 4}" width="10" height="10" fill="{COLOURS[variant]}"/>'
                       f'<text x="{legend_x + 14}" y="{y0 + 13}">{LABELS[variant]}</text>')
            legend_x += 24 + 6 * len(LABELS[variant])
        # Throughput, linear from 0.
        peak = max(float(found[(scenario, level, variant)]["rps"]) for level in levels for variant in variants)
        x0 = 10
        svg.append(f'<text x="{x0}" y="{y0 + 30}" font-weight="bold">{escape(scenario)}: requests/s</text>')
        svg += _axes(x0 + left, y0 + 40, panel_w - left - 20, plot_h - 14, [0, peak / 2, peak],
                     lambda v: f"{v:,.0f}", levels, lambda level: x_of(x0, level))
        for variant in variants:
            points = [(x_of(x0, level), y0 + 40 + (plot_h - 14) * (
                1 - float(found[(scenario, level, variant)]["rps"]) / peak)) for level in levels]
            svg.append(_polyline(points, COLOURS[variant], ""))
        # Latency, log scale.
        values = [float(found[(scenario, level, variant)][column]) for level in levels for variant in variants
                  for column, _, _ in PERCENTILES]
        low, high = math.log10(max(min(values), 0.01)), math.log10(max(values))
        low, high = math.floor(low), math.ceil(high) if high > math.floor(low) else math.floor(low) + 1
        x1 = 10 + panel_w + 10
        svg.append(f'<text x="{x1}" y="{y0 + 30}" font-weight="bold">{escape(scenario)}: latency (ms, log)</text>')
        ticks = [10 ** exponent for exponent in range(low, high + 1)]
        svg += _axes(x1 + left, y0 + 40, panel_w - left - 20, plot_h - 14, ticks, lambda v: f"{v:g}", levels,
                     lambda level: x_of(x1, level), log=(low, high))
        for variant in variants:
            for column, _, dash in PERCENTILES:
                points = [(x_of(x1, level), y0 + 40 + (plot_h - 14) * (1 - (math.log10(max(
                    float(found[(scenario, level, variant)][column]), 0.01)) - low) / (high - low)))
                    for level in levels]
                svg.append(_polyline(points, COLOURS[variant], dash))
    svg.append("</svg>")
    return "\n".join(svg) + "\n"


def _axes(x, y, w, h, ticks, label, levels, x_of, log=None):
    parts = [f'<line x1="{x}" y1="{y}" x2="{x}" y2="{y + h}" stroke="#888"/>',
             f'<line x1="{x}" y1="{y + h}" x2="{x + w}" y2="{y + h}" stroke="#888"/>']
    top = ticks[-1]
    for tick in ticks:
        if log:
            low, high = log
            ty = y + h * (1 - (math.log10(tick) - low) / (high - low))
        else:
            ty = y + h * (1 - tick / top) if top else y + h
        parts.append(f'<line x1="{x - 3}" y1="{ty:.1f}" x2="{x + w}" y2="{ty:.1f}" stroke="#eee"/>'
                     f'<text x="{x - 5}" y="{ty + 4:.1f}" text-anchor="end">{label(tick)}</text>')
    for level in levels:
        parts.append(f'<text x="{x_of(level):.1f}" y="{y + h + 14}" text-anchor="middle">{level}</text>')
    parts.append(f'<text x="{x + w / 2}" y="{y + h + 28}" text-anchor="middle">connections</text>')
    return parts


def _polyline(points, colour, dash):
    coordinates = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    circles = "".join(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.5" fill="{colour}"/>' for px, py in points)
    return (f'<polyline points="{coordinates}" fill="none" stroke="{colour}" stroke-width="2" '
            f'stroke-dasharray="{dash}"/>{circles}')
