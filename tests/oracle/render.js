#!/usr/bin/env node
/*
 * The real renderers as a test oracle for booklint's TeX validator.
 *
 *   node tests/oracle/render.js [spans.json]        (stdin when no file is given)
 *
 * Input: a JSON array of spans {id, tex, display, renderer, chapter}, in the order they
 * appear in the book, or an object {spans: [...], mathjax_macros: {...}, katex_macros: {...}}.
 * Output (stdout): a JSON array of verdicts {id, ok, error, warnings}.
 *
 * Each span is rendered by the renderer that owns it, configured as the scaling-book pages
 * configure it:
 *
 *  - "mathjax": MathJax 3.2.2 with the package set of the tex-mml-chtml bundle
 *    (components/src/input/tex/tex.js), tags: 'ams', and formatError that throws. The one
 *    bundle package left out is noundefined, which would turn an unknown command into red
 *    text instead of an error; an unknown command is exactly what the oracle must report.
 *    Autoload and \require work as in the browser once the extension file has arrived (all
 *    extensions are registered as already loaded). One MathDocument and TeX input jax per
 *    chapter, so \def/\newcommand and \label state carries through a page and no further.
 *
 *  - "katex": KaTeX as the Distill template (template.v2.js, d-math) calls it:
 *    katex.render(text, el, {displayMode, delimiters}) with no other options, so
 *    throwOnError is true, strict is the default "warn", and there is no shared macros
 *    object: every formula starts with fresh macros, a \def does not reach the next one.
 *    Warnings that strict mode prints are returned in `warnings`.
 */
'use strict';

const fs = require('fs');
const path = require('path');

const NM = path.join(__dirname, 'node_modules');
const need = name => require(path.join(NM, name));

const katex = need('katex');
const {mathjax} = need('mathjax-full/js/mathjax.js');
const {TeX} = need('mathjax-full/js/input/tex.js');
const {liteAdaptor} = need('mathjax-full/js/adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = need('mathjax-full/js/handlers/html.js');
const {STATE} = need('mathjax-full/js/core/MathItem.js');
need('mathjax-full/js/input/tex/AllPackages.js');
need('mathjax-full/js/input/tex/require/RequireConfiguration.js');
need('mathjax-full/js/input/tex/autoload/AutoloadConfiguration.js');
const {ConfigurationHandler} = need('mathjax-full/js/input/tex/Configuration.js');
const {Package} = need('mathjax-full/js/components/package.js');

RegisterHTMLHandler(liteAdaptor());
for (const name of ConfigurationHandler.keys()) new Package('[tex]/' + name, true);

function bundlePackages() {
  const src = fs.readFileSync(path.join(NM, 'mathjax-full/components/src/input/tex/tex.js'), 'utf8');
  const m = /registerTeX\(\[([^\]]*)\]/.exec(src);
  if (!m) throw new Error('cannot read the tex-mml-chtml package list');
  return [...m[1].matchAll(/'([^']+)'/g)].map(x => x[1]).filter(p => p !== 'noundefined');
}
const MATHJAX_PACKAGES = bundlePackages();

function mathjaxDocument(macros) {
  const options = {
    packages: MATHJAX_PACKAGES,
    tags: 'ams',
    formatError: (_jax, err) => { throw err; },
  };
  if (macros && Object.keys(macros).length) options.macros = macros;
  return mathjax.document('', {InputJax: new TeX(options)});
}

function renderMathJax(doc, span) {
  for (let attempt = 0; ; attempt++) {
    try {
      doc.convert(span.tex, {display: !!span.display, end: STATE.CONVERT});
      return null;
    } catch (err) {
      if (err && err.retry && attempt < 3) continue;    // an extension asked to be re-run
      return (err && err.id ? err.id + ': ' : '') + String(err && err.message || err);
    }
  }
}

function renderKaTeX(span, macros, warnings) {
  const options = {displayMode: !!span.display};
  if (macros) options.macros = macros;
  const warn = console.warn;
  console.warn = (...args) => warnings.push(args.map(String).join(' '));
  try {
    katex.renderToString(span.tex, options);
    return null;
  } catch (err) {
    return String(err && err.message || err);
  } finally {
    console.warn = warn;
  }
}

function main() {
  const file = process.argv[2];
  const input = JSON.parse(fs.readFileSync(file && file !== '-' ? file : 0, 'utf8'));
  const spans = Array.isArray(input) ? input : input.spans;
  const mjMacros = Array.isArray(input) ? null : input.mathjax_macros;
  const kxMacros = Array.isArray(input) ? null : input.katex_macros;

  const docs = new Map();
  const out = [];
  for (const span of spans) {
    const warnings = [];
    let error;
    if (span.renderer === 'mathjax') {
      const chapter = span.chapter || '';
      if (!docs.has(chapter)) docs.set(chapter, mathjaxDocument(mjMacros));
      error = renderMathJax(docs.get(chapter), span);
    } else if (span.renderer === 'katex') {
      // A copy each time: Distill gives KaTeX no macros object, so nothing carries over.
      error = renderKaTeX(span, kxMacros ? Object.assign({}, kxMacros) : null, warnings);
    } else {
      error = `unknown renderer ${JSON.stringify(span.renderer)}`;
    }
    const verdict = {id: span.id, ok: error === null, error};
    if (warnings.length) verdict.warnings = warnings;
    out.push(verdict);
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}

main();
