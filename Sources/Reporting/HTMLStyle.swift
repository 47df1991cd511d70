/// The report's only style sheet, inline so the file stands alone. Outcomes are shown by
/// word and by colour, so the report reads the same printed in black and white.
enum HTMLStyle {
    static let css: StaticString = """
    :root { color-scheme: light; }
    body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 2rem auto; max-width: 70rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.4; }
    h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
    h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 2px solid #ccc; padding-bottom: 0.2rem; }
    h3 { font-size: 1.1rem; margin-top: 1.4rem; }
    table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
    th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
    th { background: #f2f2f2; }
    table.facts th { width: 14rem; }
    td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
    code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85rem; }
    pre { background: #f7f7f7; border: 1px solid #ddd; padding: 0.5rem; overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
    .outcome { display: inline-block; padding: 0 0.4rem; border-radius: 0.2rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
    .outcome.pass { background: #dff3e3; color: #135e25; border-color: #135e25; }
    .outcome.fail { background: #fbe0e0; color: #8a1010; border-color: #8a1010; }
    .outcome.error { background: #f3e2f7; color: #5d1a73; border-color: #5d1a73; }
    .outcome.skipped { background: #ececec; color: #444; border-color: #444; }
    .outcome.inconclusive { background: #fff1cc; color: #6b4a00; border-color: #6b4a00; }
    .outcome.na { background: #e3ecf5; color: #23415f; border-color: #23415f; }
    .outcome.none { background: #fff; color: #666; border-color: #999; font-weight: normal; font-style: italic; }
    .verdict { font-size: 1.2rem; font-weight: 700; padding: 0.6rem 0.8rem; border: 2px solid; margin: 1rem 0; }
    .verdict.conforms { background: #dff3e3; color: #135e25; }
    .verdict.non-conformance { background: #fbe0e0; color: #8a1010; }
    .verdict.no-verdict, .verdict.usage-error { background: #f3e2f7; color: #5d1a73; }
    .verdict.interrupted { background: #fff1cc; color: #6b4a00; }
    .partial { font-weight: 700; padding: 0.6rem 0.8rem; border: 3px dashed #6b4a00; background: #fff1cc; color: #6b4a00; margin: 1rem 0; }
    .detail { border-left: 4px solid #ccc; padding-left: 0.8rem; margin: 1rem 0; }
    .detail.fail { border-left-color: #8a1010; }
    .detail.error { border-left-color: #5d1a73; }
    .note { color: #555; font-size: 0.9rem; }
    footer { margin-top: 3rem; color: #555; font-size: 0.85rem; border-top: 1px solid #ccc; padding-top: 0.5rem; }
    @page { margin: 15mm; }
    @media print {
      body { margin: 0; max-width: none; font-size: 10pt; }
      .outcome, .verdict, .partial, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
      a { color: inherit; text-decoration: none; }
      h2, h3 { break-after: avoid; }
      tr, .detail pre { break-inside: avoid; }
      pre { white-space: pre-wrap; }
    }
    """
}
