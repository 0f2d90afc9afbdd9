// The one small stylesheet, served as /assets/site.css so the CSP can stay 'self'-only for styles.
export const SITE_CSS = `
:root{--ink:#1d2a33;--muted:#56636d;--line:#d5dde3;--bg:#f5f8fa;--card:#fff;--accent:#0b6e4f;--accent-ink:#fff;--err:#b3261e;--ok:#0b6e4f;--focus:#ffbf47;color-scheme:light}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--ink);font:1rem/1.6 system-ui,-apple-system,"Segoe UI","PingFang HK","PingFang SC","Noto Sans CJK TC","Noto Sans CJK SC","Microsoft JhengHei",sans-serif}
:lang(zh-Hant){font-family:system-ui,-apple-system,"Segoe UI","PingFang HK","Noto Sans CJK HK","Noto Sans CJK TC","Microsoft JhengHei",sans-serif}
:lang(zh-Hans){font-family:system-ui,-apple-system,"Segoe UI","PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}
a{color:var(--accent)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.wrap{max-width:40rem;margin:0 auto;padding:1rem}
header.top{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;max-width:40rem;margin:0 auto}
.brand{font-weight:700;text-decoration:none;color:var(--ink);font-size:1.1rem}
nav.lang ul{display:flex;gap:.75rem;list-style:none;margin:0;padding:0;font-size:.95rem}
nav.lang a[aria-current]{font-weight:700;color:var(--ink);text-decoration:none}
main{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:1.25rem;overflow-wrap:anywhere}
h1{font-size:1.5rem;line-height:1.3;margin:.25rem 0 .75rem}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
h3{font-size:1.05rem;margin:0 0 .25rem}
p{margin:.5rem 0}
.lead{color:var(--muted)}
.field{margin:1rem 0}
label,legend{display:block;font-weight:600;margin-bottom:.25rem}
fieldset{border:1px solid var(--line);border-radius:8px;margin:1rem 0;padding:.5rem .9rem .75rem}
legend{padding:0 .25rem}
.check label,.radio label{display:inline;font-weight:400;margin-left:.4rem}
.check,.radio{margin:.35rem 0}
.hint{color:var(--muted);font-size:.9rem;margin:.1rem 0 .35rem}
input[type=email],input[type=text],input[type=date],input[type=number],select{width:100%;max-width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #8a99a5;border-radius:8px;background:#fff;color:var(--ink);min-height:2.75rem}
input[type=number]{max-width:10rem}
input[type=checkbox],input[type=radio]{width:1.2rem;height:1.2rem;vertical-align:-.2rem}
[aria-invalid=true]{border-color:var(--err);border-width:2px}
.error{color:var(--err);font-weight:600;margin:.25rem 0}
.summary{border:2px solid var(--err);border-radius:8px;padding:.5rem .9rem;color:var(--err)}
.flash{border:2px solid var(--ok);border-radius:8px;padding:.5rem .9rem;color:var(--ok);font-weight:600}
.notice{border-left:4px solid var(--focus);background:#fff8e6;padding:.5rem .9rem;border-radius:4px}
button,.button{display:inline-block;font:inherit;font-weight:600;border:0;border-radius:8px;padding:.7rem 1.2rem;min-height:2.75rem;background:var(--accent);color:var(--accent-ink);cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#e8eef2;color:var(--ink)}
.danger{background:var(--err);color:#fff}
.button.danger-quiet,button.danger-quiet{background:transparent;color:var(--err);border:1px solid var(--err);font-weight:600}
button.big{font-size:1.1rem;padding:.85rem 1.5rem;width:100%}
.nowrap{white-space:nowrap}
.promises{list-style:none;padding:0;margin:.5rem 0 .75rem;display:flex;flex-wrap:wrap;gap:.35rem .5rem}
.promises li{background:#e6f2ed;color:#09583f;border-radius:999px;padding:.1rem .7rem;font-weight:600;font-size:.92rem}
.promises li::before{content:"✓ "}
.words{margin:.3rem 0 0;font-weight:600}
.words:empty{margin:0}
.choices{display:grid;grid-template-columns:repeat(auto-fill,minmax(7.5rem,1fr));gap:0 .75rem}
.choices .radio:last-child{grid-column:1/-1}
details.more{border:1px solid var(--line);border-radius:10px;padding:.1rem .9rem;margin:1rem 0}
details.more>summary{list-style:none;display:flex;gap:.5rem;align-items:baseline;color:var(--ink);font-weight:400}
details.more>summary::-webkit-details-marker{display:none}
details.more>summary::before{content:"▸";color:var(--accent);font-weight:700}
details.more[open]>summary::before{content:"▾"}
.more-text{display:flex;flex-direction:column}
.more-title{font-weight:700;color:var(--accent)}
.more-now{color:var(--muted);font-size:.9rem;line-height:1.45}
.kept li{margin:.6rem 0}
.next{margin:.1rem 0;font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:1.25rem}
.cards{list-style:none;padding:0;margin:0}
.cards>li{border:1px solid var(--line);border-radius:10px;padding:.75rem .9rem;margin:.75rem 0}
.meta{color:var(--muted);font-size:.95rem;margin:0}
.badge{display:inline-block;font-size:.8rem;border-radius:999px;padding:0 .5rem;background:#e8eef2;margin-left:.25rem}
details.link-request{margin-top:2rem;border-top:1px solid var(--line);padding-top:1rem}
details summary{cursor:pointer;color:var(--accent);font-weight:600;margin:.5rem 0}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
footer{max-width:40rem;margin:0 auto;padding:1rem;color:var(--muted);font-size:.85rem}
@media (min-width:40rem){.wrap{padding:1.5rem 1rem}main{padding:2rem}h1{font-size:1.75rem}button.big{width:auto}}
`
