#!/usr/bin/env node
/*
 * Generate booklint's TeX renderer tables from the real npm packages.
 *
 *   npm ci --prefix tests/oracle && node scripts/gen_tex_tables.js [--out DIR]
 *
 * writes rules/math/mathjax.json and rules/math/katex.json (or the same names in DIR).
 *
 * Nothing here is hand-typed: every name comes from the packages' own runtime data
 * structures, and every behavioural fact (how many arguments a command needs, whether an
 * environment accepts `&` or `\\`, whether it works inline) is measured by running the
 * renderer on small probe formulas. The Python validator (booklint.tex) only reads the JSON.
 *
 * MathJax: the TeX packages come from the ConfigurationHandler (each package's symbol maps
 * by kind), the bundle's package list is read from components/src/input/tex/tex.js and the
 * autoload triggers from the autoload configuration's options.
 * KaTeX: the function, symbol, environment and macro tables are module-level variables of
 * dist/katex.mjs; a temporary copy of that module re-exports them so they can be read.
 */
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const {createRequire} = require('module');
const {pathToFileURL} = require('url');

const GENERATOR = 'scripts/gen_tex_tables.js 1';
const ROOT = path.resolve(__dirname, '..');
const ORACLE = path.join(ROOT, 'tests', 'oracle');
const req = createRequire(path.join(ORACLE, 'package.json'));
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? path.resolve(process.argv[outArg + 1]) : path.join(ROOT, 'rules', 'math');

function pkgVersion(name) {
  return req(name + '/package.json').version;
}

function sortedObject(obj) {
  const out = {};
  for (const key of Object.keys(obj).sort()) out[key] = obj[key];
  return out;
}

// ---------------------------------------------------------------- MathJax

function mathjaxTables() {
  const mjRoot = path.dirname(req.resolve('mathjax-full/package.json'));
  req('mathjax-full/js/input/tex/AllPackages.js');
  req('mathjax-full/js/input/tex/require/RequireConfiguration.js');
  req('mathjax-full/js/input/tex/autoload/AutoloadConfiguration.js');
  const {ConfigurationHandler} = req('mathjax-full/js/input/tex/Configuration.js');
  const {MapHandler} = req('mathjax-full/js/input/tex/MapHandler.js');
  const {mathjax} = req('mathjax-full/js/mathjax.js');
  const {TeX} = req('mathjax-full/js/input/tex.js');
  const {liteAdaptor} = req('mathjax-full/js/adaptors/liteAdaptor.js');
  const {RegisterHTMLHandler} = req('mathjax-full/js/handlers/html.js');
  const {STATE} = req('mathjax-full/js/core/MathItem.js');
  const {Package} = req('mathjax-full/js/components/package.js');
  RegisterHTMLHandler(liteAdaptor());
  // Autoload and \require load '[tex]/name' through the component loader. All packages are
  // already in memory, so registering them as loaded makes both work synchronously, exactly
  // as they behave once the browser has fetched the extension.
  for (const name of ConfigurationHandler.keys()) new Package('[tex]/' + name, true);

  // The bundle's package list, read from the component source rather than typed here.
  const texJs = fs.readFileSync(path.join(mjRoot, 'components/src/input/tex/tex.js'), 'utf8');
  const reg = /registerTeX\(\[([^\]]*)\]/.exec(texJs);
  if (!reg) throw new Error('cannot find registerTeX([...]) in components/src/input/tex/tex.js');
  const bundle = [...reg[1].matchAll(/'([^']+)'/g)].map(m => m[1]);

  const autoloadOptions = ConfigurationHandler.get('autoload').options.autoload;
  const autoload = {};
  for (const ext of Object.keys(autoloadOptions)) {
    const def = autoloadOptions[ext];
    const [macros, envs] = (def.length === 2 && Array.isArray(def[0])) ? def : [def, []];
    autoload[ext] = {macros: [...macros].sort(), environments: [...envs].sort()};
  }
  const requireAllow = ConfigurationHandler.get('require').options.require.allow;

  // Name every parse method by finding it in the packages' *Methods modules.
  const methodNames = new Map();
  const texDir = path.join(mjRoot, 'js/input/tex');
  for (const sub of fs.readdirSync(texDir)) {
    const dir = path.join(texDir, sub);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir)) {
      if (!/Methods\.js$/.test(file)) continue;
      const mod = req(path.join(dir, file));
      for (const exp of Object.values(mod)) {
        if (!exp || typeof exp !== 'object') continue;
        for (const [name, fn] of Object.entries(exp)) {
          if (typeof fn === 'function' && !methodNames.has(fn)) methodNames.set(fn, name);
        }
      }
    }
  }
  const BaseMethods = req('mathjax-full/js/input/tex/base/BaseMethods.js').default;

  const probeErrors = [];
  function makeDoc(packages) {
    const jax = new TeX({packages, tags: 'ams', formatError: (_jax, err) => { throw err; }});
    return mathjax.document('', {InputJax: jax});
  }
  function tryTeX(doc, tex, display) {
    try {
      doc.convert(tex, {display, end: STATE.CONVERT});
      return null;
    } catch (err) {
      return err.id || ('JS:' + String(err.message || err).slice(0, 60));
    }
  }

  // The validating configuration: the bundle without noundefined (which turns unknown
  // commands into red text instead of an error; an unknown command is what we must find).
  const validating = bundle.filter(p => p !== 'noundefined');

  const packages = {};
  for (const name of [...ConfigurationHandler.keys()].sort()) {
    const conf = ConfigurationHandler.get(name);
    const handler = conf.handler || {};
    const entry = {macros: {}, environments: {}, delimiters: [], characters: [], character_patterns: []};
    for (const mapName of handler.macro || []) {
      const map = MapHandler.getMap(mapName);
      if (!map || !map.map) continue;
      for (const [key, macro] of map.map.entries()) {
        if (entry.macros[key]) continue;
        const info = {map: mapName};
        const method = methodNames.get(macro.func);
        if (method) info.method = method;
        if (macro.func === BaseMethods.Macro && typeof macro.args[0] === 'string') {
          info.definition = macro.args[0];
          info.definition_args = macro.args[1] || 0;
        }
        entry.macros[key] = info;
      }
    }
    for (const mapName of handler.environment || []) {
      const map = MapHandler.getMap(mapName);
      if (!map || !map.map) continue;
      for (const [key, env] of map.map.entries()) {
        const info = {map: mapName};
        const method = methodNames.get(env.func);
        if (method) info.method = method;
        entry.environments[key] = info;
      }
    }
    for (const mapName of handler.delimiter || []) {
      const map = MapHandler.getMap(mapName);
      if (map && map.map) entry.delimiters.push(...map.map.keys());
    }
    for (const mapName of handler.character || []) {
      const map = MapHandler.getMap(mapName);
      if (!map) continue;
      if (map.map) entry.characters.push(...map.map.keys());
      else if (map._regExp) entry.character_patterns.push(String(map._regExp));
    }
    entry.delimiters = [...new Set(entry.delimiters)].sort();
    entry.characters = [...new Set(entry.characters)].sort();

    // Probes: in a document configured with the validating set plus this package.
    const pkgs = validating.includes(name) ? validating : [...validating, name];
    // A fresh document for every probe, so that no probe sees what an earlier one defined.
    let usable = true;
    try {
      tryTeX(makeDoc(pkgs), 'x', true);
    } catch (err) {
      probeErrors.push(`${name}: ${err.message}`);
      usable = false;
    }
    if (usable) {
      const run = (tex, display) => tryTeX(makeDoc(pkgs), tex, display);
      for (const key of Object.keys(entry.macros)) {
        if (!/^[A-Za-z]+$/.test(key) && key.length !== 1) continue;
        const cs = '\\' + key;
        let n = 0;
        let err = run(cs, true);
        while (err === 'MissingArgFor' && n < 9) {
          n += 1;
          err = run(cs + '{x}'.repeat(n), true);
        }
        entry.macros[key].args = n;
        entry.macros[key].probe_error = err;
        if (n > 0 && err === null) entry.macros[key].arg_modes = probeArgModes(cs, n, run);
        if (err === null && run(cs + '{x}'.repeat(n) + '\\limits', true) === null) entry.macros[key].op = true;
        Object.assign(entry.macros[key], probeUnbraced(cs, n, run, err === 'MissingOrUnrecognizedDelim'));
      }
      for (const key of Object.keys(entry.environments)) {
        entry.environments[key] = Object.assign(entry.environments[key], probeEnv(key, run));
      }
    }
    entry.macros = sortedObject(entry.macros);
    entry.environments = sortedObject(entry.environments);
    packages[name] = entry;
  }

  return {
    generator: GENERATOR,
    renderer: 'mathjax',
    package: 'mathjax-full',
    version: pkgVersion('mathjax-full'),
    bundle: 'tex-mml-chtml',
    bundle_packages: bundle,
    validating_packages: validating,
    autoload,
    require_allow: Object.assign({}, requireAllow),
    probe_errors: probeErrors,
    packages,
  };
}

/*
 * How MathJax reads each argument of a command: 'math' when an unknown command inside it
 * is an error, 'text' when only math nested in $...$ inside it is parsed (\text, \mbox),
 * 'raw' when its content is not parsed as TeX at all (labels, URLs, colors, dimensions).
 */
function probeArgModes(cs, n, run) {
  const UNDEFINED = '\\qqqbooklintundefined';
  const modes = [];
  for (let i = 0; i < n; i++) {
    const args = (inner) => Array.from({length: n}, (_, j) => '{' + (j === i ? inner : 'x') + '}').join('');
    if (run(cs + args(UNDEFINED), true) === 'UndefinedControlSequence') modes.push('math');
    else if (run(cs + args('$' + UNDEFINED + '$'), true) === 'UndefinedControlSequence') modes.push('text');
    else modes.push('raw');
  }
  return modes;
}

/*
 * Can the command be an argument without braces? Measured two ways: as the argument of
 * \mathrm (read as one token and parsed alone in both renderers) and as a superscript (the
 * next whole item, with the command's own arguments after it).
 */
function probeUnbraced(cs, n, run, needsDelimiter = false) {
  const tail = needsDelimiter ? '(' : '{x}'.repeat(n);
  return {
    alone_ok: run('\\mathrm' + cs, true) === null,
    script_ok: run('x^' + cs + tail, true) === null,
  };
}

/*
 * Measure an environment: how many brace arguments \begin{env} needs, which filler makes
 * the arguments valid, and whether `&`, `\\` and inline (text-style) use are accepted.
 */
function probeEnv(name, run) {
  const open = '\\begin{' + name + '}';
  const close = '\\end{' + name + '}';
  let args = 0;
  let err = run(open, true);
  // A missing argument shows as MissingArgFor (MathJax) or an "Expected group" / end of input
  // error (KaTeX); the caller's run() folds both into 'MissingArgFor'.
  while (err === 'MissingArgFor' && args < 4) {
    args += 1;
    err = run(open + '{c}'.repeat(args), true);
  }
  const fillers = ['c', 'cc', '2', 'x', 'l'];
  let filler = null;
  for (const f of fillers) {
    if (run(open + ('{' + f + '}').repeat(args) + 'a' + close, true) === null) { filler = f; break; }
  }
  const info = {args, filler};
  if (filler === null) {
    info.probe_error = run(open + '{c}'.repeat(args) + 'a' + close, true);
    return info;
  }
  const head = open + ('{' + filler + '}').repeat(args);
  info.display = true;
  info.inline = run(head + 'a' + close, false) === null;
  info.ampersand = run(head + 'a&b' + close, true) === null;
  info.newline = run(head + 'a\\\\b' + close, true) === null;
  return info;
}

// ---------------------------------------------------------------- KaTeX

async function katexTables() {
  const katexDir = path.dirname(req.resolve('katex/package.json'));
  const src = fs.readFileSync(path.join(katexDir, 'dist', 'katex.mjs'), 'utf8');
  const wanted = ['_functions', 'symbols', '_environments', '_macros', 'implicitCommands', 'delimiters'];
  for (const v of wanted) {
    if (!new RegExp('^var ' + v + ' = ', 'm').test(src)) {
      throw new Error(`katex.mjs has no module-level 'var ${v}': the table extraction needs updating`);
    }
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'booklint-katex-'));
  const copy = path.join(tmp, 'katex-tables.mjs');
  fs.writeFileSync(copy, src + '\nexport { ' + wanted.map(v => `${v} as __booklint_${v}`).join(', ') + ' };\n');
  let mod;
  try {
    mod = await import(pathToFileURL(copy).href);
  } finally {
    fs.rmSync(tmp, {recursive: true, force: true});
  }
  const katex = mod.default;
  const functions = mod.__booklint__functions;
  const symbols = mod.__booklint_symbols;
  const environments = mod.__booklint__environments;
  const macros = mod.__booklint__macros;
  const implicit = mod.__booklint_implicitCommands;
  const delimiters = mod.__booklint_delimiters;

  const run = (tex, display) => {
    try {
      katex.renderToString(tex, {displayMode: display, throwOnError: true, strict: 'ignore'});
      return null;
    } catch (err) {
      const msg = String(err.message || err);
      if (/Unexpected end of input in a macro argument|Expected group as argument/.test(msg)) return 'MissingArgFor';
      return msg.replace(/^KaTeX parse error: /, '').replace(/ at position.*$/s, '').slice(0, 80);
    }
  };

  const fnOut = {};
  for (const name of Object.keys(functions)) {
    const f = functions[name];
    const info = {type: f.type, args: f.numArgs || 0};
    if (f.numOptionalArgs) info.optional_args = f.numOptionalArgs;
    if (f.argTypes) info.arg_types = f.argTypes;
    info.text = !!f.allowedInText;
    info.math = f.allowedInMath !== false;
    if (f.allowedInArgument) info.in_argument = true;
    if (f.infix) info.infix = true;
    if (f.primitive) info.primitive = true;
    fnOut[name] = info;
  }
  // Which commands make an operator that \limits may follow, measured.
  const opProbe = name => {
    const n = (fnOut[name] && fnOut[name].args) || 0;
    return run(name + '{x}'.repeat(n) + '\\limits', true) === null ||
      (n === 0 && run(name + '{x}\\limits', true) === null);
  };
  for (const name of Object.keys(fnOut)) {
    if (!name.startsWith('\\')) continue;
    if (opProbe(name)) fnOut[name].op = true;
    Object.assign(fnOut[name], probeUnbraced(name, fnOut[name].args, run, fnOut[name].type === 'delimsizing'));
  }

  const symOut = {math: {}, text: {}};
  for (const mode of ['math', 'text']) {
    for (const name of Object.keys(symbols[mode])) {
      const s = symbols[mode][name];
      symOut[mode][name] = s.group;
    }
  }
  const symbolOps = Object.keys(symbols.math).filter(n => n.startsWith('\\') && opProbe(n)).sort();

  const macroOut = {};
  for (const name of Object.keys(macros)) {
    const m = macros[name];
    if (typeof m === 'string') {
      // The way KaTeX counts a string macro's parameters: the highest #n, ## not counting.
      const stripped = m.replace(/##/g, '');
      let n = 0;
      while (stripped.indexOf('#' + (n + 1)) !== -1) n += 1;
      macroOut[name] = {args: n, definition: m};
      if (opProbe(name)) macroOut[name].op = true;
      Object.assign(macroOut[name], probeUnbraced(name, n, run));
    } else if (typeof m === 'function') {
      let n = 0;
      let err = run(name, true);
      while (err === 'MissingArgFor' && n < 9) {
        n += 1;
        err = run(name + '{x}'.repeat(n), true);
      }
      macroOut[name] = {args: n, function: true, probe_error: err};
      Object.assign(macroOut[name], probeUnbraced(name, n, run));
    } else if (m && typeof m === 'object') {
      macroOut[name] = {args: m.numArgs || 0};
    }
  }

  const envOut = {};
  for (const name of Object.keys(environments)) {
    const e = environments[name];
    const info = {type: e.type, declared_args: e.numArgs || 0};
    if (e.numOptionalArgs) info.optional_args = e.numOptionalArgs;
    if (e.allowedInText) info.text = true;
    envOut[name] = Object.assign(info, probeEnv(name, run));
  }

  return {
    generator: GENERATOR,
    renderer: 'katex',
    package: 'katex',
    version: katex.version,
    functions: sortedObject(fnOut),
    symbols: {math: sortedObject(symOut.math), text: sortedObject(symOut.text)},
    macros: sortedObject(macroOut),
    environments: sortedObject(envOut),
    implicit_commands: Object.keys(implicit).sort(),
    symbol_operators: symbolOps,
    delimiters: [...delimiters].sort(),
  };
}

async function main() {
  fs.mkdirSync(OUT, {recursive: true});
  // Some probed commands (\\show, \\message) print; keep the generator's own output readable.
  const log = console.log;
  console.log = () => {};
  console.warn = () => {};
  const mj = mathjaxTables();
  fs.writeFileSync(path.join(OUT, 'mathjax.json'), JSON.stringify(mj, null, 1) + '\n');
  const kx = await katexTables();
  console.log = log;
  fs.writeFileSync(path.join(OUT, 'katex.json'), JSON.stringify(kx, null, 1) + '\n');
  const count = o => Object.keys(o).length;
  console.log(`mathjax ${mj.version}: ${count(mj.packages)} packages, ` +
              `${Object.values(mj.packages).reduce((a, p) => a + count(p.macros), 0)} macros` +
              (mj.probe_errors.length ? `; probe errors: ${mj.probe_errors.join('; ')}` : ''));
  console.log(`katex ${kx.version}: ${count(kx.functions)} functions, ${count(kx.macros)} macros, ` +
              `${count(kx.environments)} environments`);
}

main().catch(err => { console.error(err); process.exit(1); });
