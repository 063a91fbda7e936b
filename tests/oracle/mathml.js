#!/usr/bin/env node
/*
 * MathML from the real renderers, for tests that ask what a formula draws (not just whether
 * it renders): a superscript's content, literal text in \text{...}.
 *
 *   node tests/oracle/mathml.js < cases.json
 *
 * Input: a JSON array of {id, tex, renderer: "mathjax" | "katex", display}. Output: a JSON array
 * of {id, ok, mathml, error}. MathJax 3 with the tex-mml-chtml bundle's packages, autoload included (as render.js);
 * KaTeX with output: 'mathml' and throwOnError, as the Distill template calls it.
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
const {SerializedMmlVisitor} = need('mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js');
need('mathjax-full/js/input/tex/AllPackages.js');
need('mathjax-full/js/input/tex/require/RequireConfiguration.js');
need('mathjax-full/js/input/tex/autoload/AutoloadConfiguration.js');
const {ConfigurationHandler} = need('mathjax-full/js/input/tex/Configuration.js');
const {Package} = need('mathjax-full/js/components/package.js');

RegisterHTMLHandler(liteAdaptor());
// autoload and \require find every extension already loaded, as in the browser once it arrived
for (const name of ConfigurationHandler.keys()) new Package('[tex]/' + name, true);
const src = fs.readFileSync(path.join(NM, 'mathjax-full/components/src/input/tex/tex.js'), 'utf8');
const packages = [.../registerTeX\(\[([^\]]*)\]/.exec(src)[1].matchAll(/'([^']+)'/g)].map(x => x[1])
  .filter(p => p !== 'noundefined');

function mathjaxMml(tex, display) {
  const doc = mathjax.document('', {InputJax: new TeX({packages, formatError: (jax, err) => { throw err; }})});
  const tree = doc.convert(tex, {display, end: STATE.CONVERT});
  return new SerializedMmlVisitor().visitTree(tree);
}

function katexMml(tex, display) {
  const html = katex.renderToString(tex, {displayMode: display, output: 'mathml', throwOnError: true});
  return html.replace(/<annotation[\s\S]*?<\/annotation>/g, '');
}

// \message and \typeout print to the console: keep stdout for the JSON answer
console.log = console.info = console.warn = () => {};
const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
const out = cases.map(c => {
  try {
    const mml = c.renderer === 'katex' ? katexMml(c.tex, !!c.display) : mathjaxMml(c.tex, !!c.display);
    return {id: c.id, ok: true, mathml: mml.replace(/\s+/g, ' ')};
  } catch (e) {
    return {id: c.id, ok: false, error: String(e.message || e)};
  }
});
process.stdout.write(JSON.stringify(out));
