#include "oauthsim/common/product_page_css.h"

namespace oauthsim::common {

std::string_view product_page_css() {
  return R"css(
:root { --ink: #1d2430; --muted: #5b6577; --line: #d5dbe5; --bg: #f3f5f9; --accent: #0b6fd6;
  --accent-dark: #0857a8; --danger: #b3261e; --danger-bg: #fdecea; --mock: #7a4b00; --mock-bg: #ffe9a8; }
body.vendor { --accent: #0f7d63; --accent-dark: #0a5f4b; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; min-height: 100vh; display: flex; flex-direction: column; background: var(--bg);
  color: var(--ink); font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  Arial, "Noto Sans", "Liberation Sans", sans-serif; }
.mock-banner { background: var(--mock-bg); color: var(--mock); border-bottom: 1px solid #e8c66a;
  padding: 8px 20px; font-size: 14px; text-align: center; }
.mock-banner strong { letter-spacing: .08em; margin-right: 6px; }
header.brand { display: flex; align-items: center; gap: 10px; padding: 14px 24px; background: #fff;
  border-bottom: 1px solid var(--line); }
.logo { display: inline-grid; place-items: center; width: 34px; height: 34px; border-radius: 8px;
  background: var(--accent); color: #fff; font-weight: 700; font-size: 15px; }
.brand-name { font-weight: 600; font-size: 18px; }
.tag { margin-left: auto; font-size: 12px; font-weight: 700; text-transform: uppercase;
  letter-spacing: .08em; color: var(--mock); background: var(--mock-bg); border-radius: 999px;
  padding: 2px 10px; }
main.card { width: min(460px, calc(100% - 32px)); margin: 40px auto; background: #fff;
  border: 1px solid var(--line); border-radius: 14px; padding: 28px 32px;
  box-shadow: 0 6px 24px rgba(20, 35, 60, .08); }
main.card.wide { width: min(720px, calc(100% - 32px)); }
h1 { font-size: 22px; line-height: 1.3; margin: 0 0 8px; }
p { margin: 0 0 14px; }
.lead { color: var(--muted); }
.client-name { color: var(--ink); font-weight: 600; }
form { margin: 0; }
.field { margin: 0 0 16px; }
label { display: block; font-weight: 600; font-size: 14px; margin: 0 0 6px; }
input[type=email], input[type=text], input[type=password] { width: 100%; font: inherit;
  padding: 10px 12px; border: 1px solid #b7c0ce; border-radius: 8px; background: #fff; color: var(--ink); }
input:focus { outline: none; border-color: var(--accent); box-shadow: 0 0 0 3px rgba(11, 111, 214, .25); }
.actions { display: flex; gap: 12px; flex-wrap: wrap; margin-top: 22px; }
button, a.button { font: inherit; font-weight: 600; border-radius: 8px; padding: 10px 22px;
  cursor: pointer; border: 1px solid transparent; text-decoration: none; display: inline-block;
  text-align: center; }
button.primary, button[value=allow], a.button.primary { background: var(--accent); color: #fff; }
button.primary:hover, button[value=allow]:hover, a.button.primary:hover { background: var(--accent-dark); }
button.secondary, button[value=deny], a.button.secondary { background: #fff; color: var(--ink);
  border-color: #b7c0ce; }
button.secondary:hover, button[value=deny]:hover, a.button.secondary:hover { background: #eef1f6; }
button:focus-visible, a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
a { color: var(--accent); }
.error { background: var(--danger-bg); color: var(--danger); border: 1px solid #f3b8b3;
  border-radius: 8px; padding: 10px 12px; font-weight: 600; }
ul.scopes { list-style: none; margin: 0 0 8px; padding: 0; border: 1px solid var(--line);
  border-radius: 10px; }
ul.scopes li { padding: 10px 14px; border-top: 1px solid var(--line); }
ul.scopes li:first-child { border-top: 0; }
ul.scopes code { display: block; font-size: 13px; color: var(--muted);
  font-family: ui-monospace, Menlo, Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace; }
ul.scopes .desc { font-weight: 600; }
.hint { color: var(--muted); font-size: 13px; margin-top: 18px; }
pre { background: #f6f8fb; border: 1px solid var(--line); border-radius: 8px; padding: 12px;
  overflow-x: auto; font-size: 13px; }
.result { font-size: 18px; }
.status-ok { color: #1a7f37; } .status-bad { color: var(--danger); }
footer { margin-top: auto; color: var(--muted); font-size: 13px; text-align: center; padding: 18px; }
@media (max-width: 520px) {
  main.card { margin: 16px auto; padding: 20px 18px; border-radius: 10px; }
  header.brand { padding: 10px 14px; }
  .actions button, .actions a.button { flex: 1 1 100%; }
}
)css";
}

}  // namespace oauthsim::common
