// The dashboard: three small charts drawn as inline SVG from /api/dashboard, no library and no CDN.
// Every chart uses a viewBox and width 100%, so it scales to the screen and never scrolls sideways.

const SVG = "http://www.w3.org/2000/svg";
const TIER_COLOURS = { red: "#b3261e", yellow: "#c98a00", green: "#2e7d32", blue: "#1565c0" };

/** An SVG element with attributes, and text content when given. */
function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function chart(width, height, label) {
  return el("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": label, preserveAspectRatio: "xMinYMin meet" });
}

/** Horizontal bars, one row per item: a label above its bar leaves the whole width to the bar on a phone. */
function bars(items, { label, value, max, text, colour }) {
  const width = 320, row = 40;
  const svg = chart(width, Math.max(items.length, 1) * row, "条形图");
  items.forEach((item, i) => {
    const y = i * row;
    svg.append(el("text", { x: 0, y: y + 13, class: "chart-label" }, label(item)));
    svg.append(el("rect", { x: 0, y: y + 18, width, height: 14, rx: 3, fill: "#eceff1" }));
    svg.append(el("rect", { x: 0, y: y + 18, width: max > 0 ? (width * value(item)) / max : 0, height: 14, rx: 3, fill: colour(item) }));
    svg.append(el("text", { x: width, y: y + 13, "text-anchor": "end", class: "chart-value" }, text(item)));
  });
  return svg;
}

/** A line of points with their values, dates along the bottom. */
function line(points) {
  const width = 320, height = 160, left = 8, right = 8, top = 18, bottom = 24;
  const svg = chart(width, height, "折线图");
  const max = Math.max(1, ...points.map((p) => p.overdue));
  const x = (i) => left + (i * (width - left - right)) / Math.max(points.length - 1, 1);
  const y = (v) => top + (height - top - bottom) * (1 - v / max);
  svg.append(el("line", { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, stroke: "#c9c9cf" }));
  svg.append(el("polyline", { points: points.map((p, i) => `${x(i)},${y(p.overdue)}`).join(" "), fill: "none", stroke: TIER_COLOURS.red, "stroke-width": 2 }));
  points.forEach((p, i) => {
    svg.append(el("circle", { cx: x(i), cy: y(p.overdue), r: 3, fill: TIER_COLOURS.red }));
    if (i % 3 === points.length % 3 || i === points.length - 1) {
      svg.append(el("text", { x: x(i), y: y(p.overdue) - 6, "text-anchor": "middle", class: "chart-value" }, String(p.overdue)));
      const [, month, day] = p.day.split("-");
      svg.append(el("text", { x: x(i), y: height - 6, "text-anchor": i === 0 ? "start" : i === points.length - 1 ? "end" : "middle", class: "chart-label" }, `${+month}/${+day}`));
    }
  });
  return svg;
}

async function load() {
  const status = document.getElementById("dash-status");
  const response = await fetch("/api/dashboard").catch(() => null);
  if (!response?.ok) {
    const body = await response?.json().catch(() => null);
    status.innerHTML = "";
    status.append(body?.error ?? "网络连接失败，请检查网络后重试。", " ");
    if (response?.status === 401) {
      const link = Object.assign(document.createElement("a"), { href: "/", textContent: "去登录" });
      status.append(link);
    }
    return;
  }
  const data = await response.json();
  status.textContent = `${data.inspection}，截至${data.asOf}，总体完成率${data.percent}`;
  document.getElementById("chart-units").append(bars(data.units, {
    label: (u) => u.unit, value: (u) => u.rate, max: 1, text: (u) => `${u.completed}/${u.total}（${u.percent}）`,
    colour: () => TIER_COLOURS.green,
  }));
  document.getElementById("chart-tiers").append(bars(data.tiers, {
    label: (t) => t.label, value: (t) => t.count, max: Math.max(1, ...data.tiers.map((t) => t.count)), text: (t) => `${t.count}项`,
    colour: (t) => TIER_COLOURS[t.tier],
  }));
  document.getElementById("chart-trend").append(line(data.trend));
}

load();
