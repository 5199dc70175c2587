#!/usr/bin/env node
// Adds inert package-lock.json entries for optional platform packages that the
// npm mirror of our offline machines does not carry (e.g. @next/swc-darwin-*,
// @tailwindcss/oxide-win32-*), so that `npm ci` on a clean clone accepts the
// lockfile ("Missing ... from lock file") and skips those packages on
// linux-x64-glibc without fetching them (their `os`/`cpu`/`libc` do not match).
//
// Usage: node scripts/fix-lockfile.mjs [--check] [--quiet] [path/to/package-lock.json]
//   (no flag)  add the missing entries and rewrite the lockfile (only if needed)
//   --check    change nothing; exit 1 if entries would be added
// Run it after every `npm install` (npm script "lockfile:fix").
// Plain Node ESM, no dependencies. Idempotent.

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const CHECK = args.includes('--check');
const QUIET = args.includes('--quiet');
const unknown = args.filter((a) => a.startsWith('-') && !['--check', '--quiet'].includes(a));
if (unknown.length || args.includes('-h')) {
  console.error('usage: node scripts/fix-lockfile.mjs [--check] [--quiet] [package-lock.json]');
  process.exit(2);
}
const file = resolve(args.find((a) => !a.startsWith('-')) ?? 'package-lock.json');
const log = (...m) => { if (!QUIET) console.log(...m); };

// ---------------------------------------------------------------- semver (subset)
const VER = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
function parse(v) {
  const m = VER.exec(String(v).trim());
  if (!m) return null;
  return { major: +m[1], minor: +m[2], patch: +m[3], pre: m[4] ? m[4].split('.') : [], raw: String(v).trim().replace(/^v/, '') };
}
function cmpPre(a, b) {
  if (!a.length && !b.length) return 0;
  if (!a.length) return 1; // release > prerelease
  if (!b.length) return -1;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === undefined) return -1;
    if (b[i] === undefined) return 1;
    const na = /^\d+$/.test(a[i]), nb = /^\d+$/.test(b[i]);
    if (na && nb) { const d = +a[i] - +b[i]; if (d) return Math.sign(d); }
    else if (na) return -1;
    else if (nb) return 1;
    else if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}
function cmp(a, b) {
  return Math.sign(a.major - b.major) || Math.sign(a.minor - b.minor) || Math.sign(a.patch - b.patch) || cmpPre(a.pre, b.pre);
}
const v3 = (M, m, p, pre = []) => ({ major: M, minor: m, patch: p, pre, raw: `${M}.${m}.${p}${pre.length ? '-' + pre.join('.') : ''}` });

// A partial version "1", "1.2", "1.2.x", "*", "1.2.3-rc.1" -> { parts:[M,m,p] with null for wildcards, pre }
function partial(s) {
  s = s.trim().replace(/^v/, '').replace(/^=/, '');
  if (s === '' || s === '*' || s === 'x' || s === 'X') return { parts: [null, null, null], pre: [] };
  const m = /^(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(s);
  if (!m) return null;
  const n = (x) => (x === undefined || /^[xX*]$/.test(x) ? null : +x);
  const parts = [n(m[1]), n(m[2]), n(m[3])];
  for (let i = 1; i < 3; i++) if (parts[i - 1] === null) parts[i] = null;
  return { parts, pre: m[4] ? m[4].split('.') : [] };
}
const lo = (p) => v3(p.parts[0] ?? 0, p.parts[1] ?? 0, p.parts[2] ?? 0, p.parts[2] === null ? [] : p.pre);

// Returns a list of comparator sets: [[{op, v}], ...] (OR of ANDs), or null if unparseable.
function parseRange(range) {
  const sets = [];
  for (let alt of String(range).split('||')) {
    alt = alt.trim().replace(/(>=|<=|>|<|=|\^|~>?)\s+/g, '$1');
    const set = [];
    const hy = /^(\S+)\s+-\s+(\S+)$/.exec(alt);
    if (hy) {
      const a = partial(hy[1]), b = partial(hy[2]);
      if (!a || !b) return null;
      set.push({ op: '>=', v: lo(a) });
      if (b.parts[0] !== null) set.push(upperOf(b, true));
      sets.push(set);
      continue;
    }
    for (const tok of alt.split(/\s+/).filter(Boolean)) {
      const m = /^(>=|<=|>|<|=|\^|~>?)?(.*)$/.exec(tok);
      const op = m[1] ?? '';
      const p = partial(m[2]);
      if (!p) return null;
      const [M, mi, pa] = p.parts;
      if (op === '^') {
        set.push({ op: '>=', v: lo(p) });
        if (M === null) continue;
        if (M > 0 || mi === null) set.push({ op: '<', v: v3(M + 1, 0, 0, ['0']) });
        else if (mi > 0 || pa === null) set.push({ op: '<', v: v3(0, mi + 1, 0, ['0']) });
        else set.push({ op: '<', v: v3(0, 0, pa + 1, ['0']) });
      } else if (op === '~' || op === '~>') {
        set.push({ op: '>=', v: lo(p) });
        if (M === null) continue;
        if (mi === null) set.push({ op: '<', v: v3(M + 1, 0, 0, ['0']) });
        else set.push({ op: '<', v: v3(M, mi + 1, 0, ['0']) });
      } else if (op === '' || op === '=') {
        if (M === null) continue; // "*"
        if (pa !== null) { set.push({ op: '=', v: lo(p) }); continue; }
        set.push({ op: '>=', v: lo(p) });
        set.push(upperOf(p, true));
      } else if (op === '>=' || op === '<') {
        set.push({ op, v: lo(p) });
      } else if (op === '>') {
        if (M === null) return null;
        if (pa !== null) set.push({ op: '>', v: lo(p) });
        else set.push({ op: '>=', v: mi === null ? v3(M + 1, 0, 0) : v3(M, mi + 1, 0) });
      } else if (op === '<=') {
        if (pa !== null) set.push({ op: '<=', v: lo(p) });
        else if (M !== null) set.push(upperOf(p, true));
      }
    }
    sets.push(set);
  }
  return sets;
}
function upperOf(p, inclusive) {
  const [M, mi, pa] = p.parts;
  if (pa !== null) return { op: inclusive ? '<=' : '<', v: lo(p) };
  if (mi !== null) return { op: '<', v: v3(M, mi + 1, 0, ['0']) };
  return { op: '<', v: v3(M + 1, 0, 0, ['0']) };
}
function testComp(v, { op, v: c }) {
  const d = cmp(v, c);
  return op === '=' ? d === 0 : op === '>=' ? d >= 0 : op === '>' ? d > 0 : op === '<' ? d < 0 : d <= 0;
}
function satisfies(version, range) {
  const v = parse(version);
  const sets = parseRange(range);
  if (!v || !sets) return false;
  return sets.some((set) => {
    if (!set.every((c) => testComp(v, c))) return false;
    if (!v.pre.length) return true;
    // prereleases only match comparators on the same [major, minor, patch] tuple that carry a prerelease
    return set.some((c) => c.v.pre.length && c.v.major === v.major && c.v.minor === v.minor && c.v.patch === v.patch);
  });
}
function minVersion(range) {
  const sets = parseRange(range);
  if (!sets) return null;
  let best = null;
  for (const set of sets) {
    let cand = v3(0, 0, 0);
    for (const c of set) {
      if (c.op === '=' || c.op === '>=') { if (cmp(c.v, cand) > 0) cand = c.v; }
      else if (c.op === '>') { const n = c.v.pre.length ? v3(c.v.major, c.v.minor, c.v.patch, [...c.v.pre, '0']) : v3(c.v.major, c.v.minor, c.v.patch + 1); if (cmp(n, cand) > 0) cand = n; }
    }
    if (!set.every((c) => testComp(cand, c))) continue;
    if (!best || cmp(cand, best) < 0) best = cand;
  }
  return best ? best.raw : null;
}

// ---------------------------------------------------------------- platform from name
const OS_ALIASES = [
  ['darwin', 'darwin'], ['macos', 'darwin'], ['osx', 'darwin'], ['mac', 'darwin'], ['apple', 'darwin'],
  ['win32', 'win32'], ['windows', 'win32'], ['win', 'win32'],
  ['linux', 'linux'], ['linuxmusl', 'linux'], ['android', 'android'], ['freebsd', 'freebsd'], ['openbsd', 'openbsd'],
  ['netbsd', 'netbsd'], ['sunos', 'sunos'], ['solaris', 'sunos'], ['illumos', 'sunos'], ['aix', 'aix'],
  ['openharmony', 'openharmony'], ['cygwin', 'cygwin'],
];
const CPU_ALIASES = [
  ['x64', 'x64'], ['amd64', 'x64'], ['x86_64', 'x64'], ['x86-64', 'x64'],
  ['arm64', 'arm64'], ['aarch64', 'arm64'],
  ['ia32', 'ia32'], ['x86', 'ia32'], ['i386', 'ia32'], ['i686', 'ia32'],
  ['arm', 'arm'], ['armv7', 'arm'], ['armv7l', 'arm'], ['armv6', 'arm'], ['armhf', 'arm'],
  ['ppc64', 'ppc64'], ['ppc64le', 'ppc64'], ['powerpc64le', 'ppc64'], ['ppc', 'ppc'],
  ['s390x', 's390x'], ['riscv64', 'riscv64'], ['loong64', 'loong64'], ['loongarch64', 'loong64'],
  ['mips64el', 'mips64el'], ['mipsel', 'mipsel'], ['wasm32', 'wasm32'],
];
const LIBC_TOKENS = { gnu: 'glibc', glibc: 'glibc', gnueabihf: 'glibc', gnueabi: 'glibc', gnux32: 'glibc', musl: 'musl', musleabihf: 'musl', musleabi: 'musl', linuxmusl: 'musl' };
const KNOWN = { fsevents: { os: ['darwin'] } };

function platformOf(name) {
  if (KNOWN[name]) return KNOWN[name];
  const base = name.replace(/^@[^/]+\//, '');
  const tokens = base.toLowerCase().split(/[-_.]/).filter(Boolean);
  // also keep compound tokens such as x86_64 / x86-64
  const joined = base.toLowerCase();
  const out = {};
  const osTok = tokens.find((t) => OS_ALIASES.some(([a]) => a === t));
  if (osTok) out.os = [OS_ALIASES.find(([a]) => a === osTok)[1]];
  let cpu = null;
  if (/x86[_-]64/.test(joined)) cpu = 'x64';
  else {
    const cpuTok = tokens.find((t) => CPU_ALIASES.some(([a]) => a === t));
    if (cpuTok) cpu = CPU_ALIASES.find(([a]) => a === cpuTok)[1];
    // "turbo-darwin-64", "esbuild-windows-64": a bare 64/32 after an OS token
    else if (osTok) {
      const after = tokens[tokens.indexOf(osTok) + 1];
      if (after === '64') cpu = 'x64';
      else if (after === '32') cpu = 'ia32';
    }
  }
  if (cpu) out.cpu = [cpu];
  const libcTok = tokens.find((t) => t in LIBC_TOKENS);
  if (libcTok) out.libc = [LIBC_TOKENS[libcTok]];
  if (out.libc && !out.os) out.os = ['linux'];
  // "wasm32-wasi", "webcontainers-wasm32": wasm builds carry cpu wasm32 only (never matches a real CPU)
  return out;
}
// An entry is inert on the machines we install on (linux-x64-glibc) only if some field excludes it.
// (Fixed, not process.platform: the lockfile is shared, the result must not depend on who runs this.)
const HOST = { os: 'linux', cpu: 'x64', libc: 'glibc' };
function excludesHost(plat, host = HOST) {
  return ['os', 'cpu', 'libc'].some((k) => plat[k] && !plat[k].includes(host[k]));
}

// ---------------------------------------------------------------- lockfile walk
const text = readFileSync(file, 'utf8');
const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? 2;
const eol = text.includes('\r\n') ? '\r\n' : '\n';
const lock = JSON.parse(text);
if (!lock.packages || (lock.lockfileVersion ?? 1) < 2) {
  console.error(`${file}: lockfileVersion ${lock.lockfileVersion} has no "packages" section; nothing done`);
  process.exit(CHECK ? 1 : 2);
}
const pkgs = lock.packages;

// node_modules/a/node_modules/@s/b -> node_modules/a ; node_modules/a -> "" ; packages/ws -> ""
function parentDir(loc) {
  const i = loc.lastIndexOf('node_modules/');
  if (i < 0) return loc === '' ? null : '';
  return loc.slice(0, Math.max(0, i - 1));
}
const at = (dir, name) => (dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`);
// Where npm's resolver finds `name` when required from the package at `loc` (walk up node_modules folders).
function resolveFrom(loc, name) {
  for (let dir = loc; dir !== null; dir = parentDir(dir)) {
    if (pkgs[at(dir, name)]) return at(dir, name);
  }
  return null;
}
function allDeps(entry) {
  return { ...entry.devDependencies, ...entry.peerDependencies, ...entry.optionalDependencies, ...entry.dependencies };
}
function nameOf(loc) {
  const i = loc.lastIndexOf('node_modules/');
  return i < 0 ? null : loc.slice(i + 'node_modules/'.length);
}

const added = [];
const skipped = [];
// Iterate until stable: an added entry can satisfy later parents (dedupe) or change placement decisions.
// Shallow parents first, as npm hoists them first: the hoisted copy gets the top-level slot.
const depth = (loc) => loc.split('node_modules/').length;
const parents = Object.keys(pkgs)
  .filter((loc) => pkgs[loc].optionalDependencies && !pkgs[loc].link)
  .sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0));
for (const loc of parents) {
  const parent = pkgs[loc];
  const bundled = new Set(Array.isArray(parent.bundleDependencies) ? parent.bundleDependencies : []);
  for (const [name, spec] of Object.entries(parent.optionalDependencies)) {
    if (bundled.has(name)) continue;
    const found = resolveFrom(loc, name);
    if (found && (satisfies(pkgs[found].version, spec) || !parseRange(spec))) continue;
    if (typeof spec !== 'string' || !parseRange(spec) || /^(npm|file|link|git|github|http|https|workspace):/.test(spec)) {
      skipped.push(`${name}@${spec} (from ${loc || '<root>'}): unsupported spec`);
      continue;
    }

    // version: exact spec, else the highest version the parent's present siblings use that fits, else range minimum
    let version = parse(spec)?.raw ?? null;
    if (!version) {
      const sib = Object.keys(parent.optionalDependencies)
        .filter((n) => n !== name)
        .map((n) => resolveFrom(loc, n))
        .filter(Boolean)
        .map((l) => parse(pkgs[l].version))
        .filter((v) => v && satisfies(v.raw, spec))
        .sort(cmp);
      version = sib.length ? sib.at(-1).raw : minVersion(spec);
    }
    if (!version) { skipped.push(`${name}@${spec} (from ${loc || '<root>'}): cannot pick a version`); continue; }

    const plat = platformOf(name);
    if (!excludesHost(plat)) {
      skipped.push(`${name}@${version} (from ${loc || '<root>'}): name does not rule out linux-x64-glibc, so npm would try to fetch it; not added`);
      continue;
    }

    // placement: the highest node_modules folder on the parent's path that is free and where
    // the new entry would not change how any other package resolves `name` to something else.
    const chain = [];
    for (let dir = loc; dir !== null; dir = parentDir(dir)) {
      if (pkgs[at(dir, name)]) break; // a (conflicting) copy shadows everything above
      chain.push(dir);
    }
    let target = null;
    for (let i = chain.length - 1; i >= 0 && target === null; i--) {
      const dir = chain[i];
      const ok = Object.keys(pkgs).every((other) => {
        if (other === loc || pkgs[other].link) return true;
        if (dir && other !== dir && !other.startsWith(`${dir}/`)) return true; // outside the subtree
        const want = allDeps(pkgs[other])[name];
        if (want === undefined) return true;
        // `other` currently has no copy either: it gets its own entry when its turn comes
        if (!resolveFrom(other, name)) return true;
        // would `other` resolve `name` to the new entry (shadowing its current copy above)?
        for (let d = other; d !== null; d = parentDir(d)) {
          if (d === dir) return satisfies(version, want) || !parseRange(want);
          if (pkgs[at(d, name)]) return true; // stops at a nearer copy
        }
        return true;
      });
      if (ok) target = dir;
    }
    if (target === null) { skipped.push(`${name}@${version} (from ${loc || '<root>'}): no safe place in the tree`); continue; }

    const key = at(target, name);
    const entry = { version };
    if (plat.cpu) entry.cpu = plat.cpu;
    if (parent.dev) entry.dev = true;
    if (plat.libc) entry.libc = plat.libc;
    entry.optional = true;
    if (plat.os) entry.os = plat.os;
    if (parent.peer) entry.peer = true;
    pkgs[key] = entry;
    added.push({ key, entry, from: loc || '<root>' });
  }
}

// A shared missing package reached from both a dev and a prod parent is not dev-only.
for (const { key, entry } of added) {
  if (!entry.dev) continue;
  const name = nameOf(key);
  const users = Object.keys(pkgs).filter((l) => pkgs[l].optionalDependencies?.[name] !== undefined && resolveFrom(l, name) === key);
  if (users.some((l) => !pkgs[l].dev)) delete entry.dev;
}

for (const s of skipped) console.warn(`fix-lockfile: warning: ${s}`);

if (CHECK) {
  if (added.length) {
    console.log(`fix-lockfile: ${added.length} optional platform entr${added.length === 1 ? 'y is' : 'ies are'} missing from ${file}:`);
    for (const a of added) console.log(`  ${a.key}@${a.entry.version} (optional dependency of ${a.from})`);
    console.log('fix-lockfile: run `node scripts/fix-lockfile.mjs` (npm run lockfile:fix)');
    process.exit(1);
  }
  log(`fix-lockfile: ${file} is complete (0 entries to add)`);
  process.exit(0);
}

if (added.length) {
  // keep npm's order: packages keys sorted with localeCompare('en') ("" first)
  const keys = Object.keys(pkgs).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en')));
  lock.packages = Object.fromEntries(keys.map((k) => [k, pkgs[k]]));
  let out = JSON.stringify(lock, null, indent) + '\n';
  if (eol !== '\n') out = out.replace(/\n/g, eol);
  writeFileSync(file, out);
  for (const a of added) log(`  + ${a.key}@${a.entry.version} ${JSON.stringify({ os: a.entry.os, cpu: a.entry.cpu, libc: a.entry.libc })}`);
}
console.log(`fix-lockfile: added ${added.length} entr${added.length === 1 ? 'y' : 'ies'} to ${file}`);
