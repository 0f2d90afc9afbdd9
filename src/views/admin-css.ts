// The operator page's few extra rules, served as /admin/admin.css (the CSP allows styles from 'self' only).
export const ADMIN_CSS = `
.admin{max-width:48rem}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(8.5rem,1fr));gap:.5rem;margin:.5rem 0}
.figures div{border:1px solid var(--line);border-radius:8px;padding:.5rem .75rem}
.figures dt{font-size:.85rem;color:var(--muted);font-weight:400}
.figures dd{margin:0;font-size:1.4rem;font-weight:700}
.chart{margin:.5rem 0}
.chart svg{max-width:100%;height:auto;display:block}
.rate svg{max-width:100%;height:auto}
.over{color:var(--err)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;font-size:.9rem;width:100%}
th,td{text-align:right;padding:.25rem .5rem;border-bottom:1px solid var(--line);white-space:nowrap}
th:first-child{text-align:left}
`
