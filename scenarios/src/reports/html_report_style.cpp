#include "html_report_style.h"

namespace oauthsim::scenario {

std::string_view html_report_css() {
  return R"css(
:root { --ink: #1d2430; --muted: #5b6577; --line: #d9dee7; --bg: #f5f7fa; --card: #fff;
  --pass: #1a7f37; --pass-bg: #e6f4ea; --fail: #c62828; --fail-bg: #fdecea; --warn: #9a6700;
  --warn-bg: #fff4d6; --skip: #8a94a6; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, "Noto Sans", "Liberation Sans", sans-serif; color: var(--ink); background: var(--bg); }
code, .mono, .evidence { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas,
  "Liberation Mono", "DejaVu Sans Mono", monospace; font-size: 12.5px; }
header.top { background: #13294b; color: #fff; padding: 18px 28px; }
header.top h1 { margin: 0; font-size: 20px; font-weight: 600; }
header.top p { margin: 4px 0 0; color: #c9d6ea; font-size: 13px; }
main { padding: 20px 28px 48px; max-width: 1500px; }
h2 { font-size: 16px; margin: 28px 0 10px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 4px 0 8px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 10px 18px; min-width: 120px; }
.card .n { display: block; font-size: 26px; font-weight: 700; line-height: 1.2; }
.card .k { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card.passed .n { color: var(--pass); } .card.failed .n { color: var(--fail); }
.card.warnings .n { color: var(--warn); }
table { border-collapse: collapse; background: var(--card); }
th, td { border-bottom: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { font-size: 12px; color: var(--muted); font-weight: 600; background: #eef1f6; }
.overview td.v { text-align: center; }
.overview a { color: var(--accent); text-decoration: none; }
.overview a:hover, .overview a:focus { text-decoration: underline; }
.verdict { display: inline-block; min-width: 44px; text-align: center; border-radius: 999px;
  padding: 0 8px; font-size: 12px; font-weight: 600; }
.verdict.pass { color: var(--pass); background: var(--pass-bg); }
.verdict.fail { color: #fff; background: var(--fail); }
.verdict.not_reached { color: var(--skip); background: #eef1f6; }
.verdict.warning { color: var(--warn); background: var(--warn-bg); }
details.scenario { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  margin: 10px 0; }
details.scenario.fail { border-color: var(--fail); box-shadow: 0 0 0 1px var(--fail); }
details.scenario > summary { cursor: pointer; padding: 10px 16px; display: flex; gap: 12px;
  align-items: center; flex-wrap: wrap; }
details.scenario > summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
summary .name { font-weight: 600; font-size: 15px; }
summary .time, .muted { color: var(--muted); font-size: 12px; }
.scenario .body { padding: 0 16px 16px; overflow-x: auto; }
.description { color: var(--muted); margin: 0 0 10px; }
.harness-error { color: var(--fail); background: var(--fail-bg); padding: 8px 12px; border-radius: 8px; }
table.steps { width: 100%; }
tr.step.fail td { background: var(--fail-bg); }
tr.step.not_reached td { color: var(--skip); }
ul.checks { list-style: none; margin: 0; padding: 0; }
ul.checks li { margin: 1px 0; }
li.check.pass { color: var(--muted); }
li.check.pass .name::before { content: "\2713  "; color: var(--pass); }
li.check.fail .name { color: var(--fail); font-weight: 600; }
li.check.fail .name::before { content: "\2717  "; }
.ref { color: var(--muted); font-size: 12px; }
.level { font-size: 11px; font-weight: 700; border-radius: 4px; padding: 0 5px; }
.level.FAIL { color: #fff; background: var(--fail); }
.level.WARNING { color: var(--warn); background: var(--warn-bg); }
.evidence { display: block; white-space: pre-wrap; word-break: break-word; color: var(--ink);
  background: #fff; border-left: 3px solid var(--fail); padding: 2px 8px; margin: 2px 0 4px; }
.flow { display: flex; gap: 16px; align-items: flex-start; margin-top: 14px; flex-wrap: wrap; }
.diagram { overflow-x: auto; max-width: 100%; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
aside.failures { flex: 1 1 320px; max-width: 520px; background: var(--fail-bg);
  border: 1px solid #f3b8b3; border-radius: 8px; padding: 10px 14px; }
aside.failures h3 { margin: 0 0 6px; font-size: 14px; color: var(--fail); }
aside.failures dl { margin: 0 0 10px; }
aside.failures dt { font-weight: 600; }
aside.failures dd { margin: 0 0 6px; }
svg.sequence { display: block; font: 11px system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
svg.sequence .band rect { fill: #fafbfd; }
svg.sequence .band.odd rect { fill: #f0f3f8; }
svg.sequence .band-label { fill: var(--muted); font-weight: 600; }
svg.sequence rect.party { fill: #13294b; }
svg.sequence .party-name { fill: #fff; font-size: 12px; font-weight: 600; text-anchor: middle; }
svg.sequence .lifeline { stroke: #9aa5b8; stroke-dasharray: 4 4; }
svg.sequence .arrow line, svg.sequence .arrow polyline { stroke: #334155; stroke-width: 1.4; fill: none; }
svg.sequence .arrow polygon { fill: #334155; }
svg.sequence .arrow .label { fill: var(--ink); text-anchor: middle; }
svg.sequence .arrow.fault line { stroke: var(--warn); stroke-dasharray: 6 3; }
svg.sequence .arrow.fault polygon { fill: var(--warn); }
svg.sequence .arrow.failing line, svg.sequence .arrow.failing polyline { stroke: var(--fail); stroke-width: 2.6; }
svg.sequence .arrow.failing polygon { fill: var(--fail); }
svg.sequence .arrow.failing .label { fill: var(--fail); font-weight: 700; }
svg.sequence .why { fill: var(--fail); font-weight: 600; }
svg.sequence .marker line { stroke: var(--muted); stroke-dasharray: 2 3; }
svg.sequence .marker text { fill: var(--muted); font-style: italic; }
svg.sequence .marker.fault line { stroke: var(--warn); stroke-width: 1.6; }
svg.sequence .marker.fault text { fill: var(--warn); font-weight: 600; }
svg.sequence .marker.clock line { stroke: var(--accent); }
svg.sequence .marker.clock text { fill: var(--accent); font-weight: 600; }
footer { color: var(--muted); font-size: 12px; padding: 0 28px 24px; }
@media (max-width: 700px) { main { padding: 12px; } header.top { padding: 14px 12px; }
  .steps td:nth-child(4), .steps th:nth-child(4) { display: none; } }
)css";
}

}  // namespace oauthsim::scenario
