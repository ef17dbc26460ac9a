// The search page's client: reads the index that `newsdigest build` writes
// under search/ (its format is the doc comment of internal/search), fetching
// only the pieces a query needs. Plain JavaScript, no dependencies, no build
// step. The page works without it: the form is a plain GET form, and a
// <noscript> message says what needs the script.
"use strict";
(() => {
  const root = document.getElementById("search");
  if (!root) return;
  const form = root.querySelector("form");
  const input = form.elements.q;
  const topicSel = form.elements.topic;
  const fromSel = form.elements.from;
  const toSel = form.elements.to;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const manifestURL = new URL(root.dataset.index, location.href);
  const params = new URLSearchParams(location.search);

  const PAGE = 10;        // results shown per step
  const EXPAND = 12;      // words a prefix may stand for
  const K1 = 1.2, STEPS = 63, TITLE = 1.0, RECENCY = 0.3;
  const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;
  const enc = new TextEncoder(), dec = new TextDecoder();

  // fold is the index's folding: lower case, no diacritics, no apostrophes.
  const fold = (w) => w.normalize("NFD").toLowerCase().replace(/[\p{M}'’]/gu, "");
  const wordsOf = (text) => (text.match(WORD) || []).map(fold).filter((w) => w && enc.encode(w).length <= 40);

  let index = null;       // {m, dir, firsts, stop:Set, shards:Map, files:Map}
  let waited = 0;         // ms in this query while a fetch was under way
  let inflight = 0, since = 0;

  async function timed(promise) {
    if (inflight++ === 0) since = performance.now();
    try { return await promise; } finally { if (--inflight === 0) waited += performance.now() - since; }
  }

  async function get(url, kind) {
    const r = await fetch(url, kind === "manifest" ? { cache: "no-cache" } : {});
    if (!r.ok) throw new Error(`${url.pathname}: ${r.status} ${r.statusText}`);
    return kind === "bytes" ? new Uint8Array(await r.arrayBuffer()) : r.json();
  }

  async function open() {
    const m = await timed(get(manifestURL, "manifest"));
    return {
      m, dir: new URL(m.version + "/", manifestURL),
      firsts: m.shards.map((k) => enc.encode(k)),
      stop: new Set(m.stop || []),
      files: new Map(),   // path → Promise of bytes or JSON
      shards: new Map(),  // n → Promise of parsed shard
    };
  }

  function file(path, kind) {
    if (!index.files.has(path)) {
      const p = get(new URL(path, index.dir), kind);
      p.catch(() => index.files.delete(path));
      index.files.set(path, p);
    }
    return timed(index.files.get(path));
  }

  const compare = (a, b) => {
    for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
    return a.length - b.length;
  };

  // shardOf is the shard whose keys include key: the last that starts at
  // or before it.
  function shardOf(keyBytes) {
    let lo = 0, hi = index.firsts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (compare(index.firsts[mid], keyBytes) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  function reader(buf) {
    let i = 0;
    const uv = () => {
      let v = 0, s = 0, c;
      do { c = buf[i++]; v += (c & 127) * 2 ** s; s += 7; } while (c & 128);
      return v;
    };
    const take = (n) => buf.subarray(i, (i += n));
    return { uv, take, get at() { return i; } };
  }

  function shard(n) {
    if (!index.shards.has(n)) {
      index.shards.set(n, file(`t/${n}.bin`, "bytes").then((buf) => parseShard(n, buf)));
    }
    return index.shards.get(n);
  }

  function parseShard(n, buf) {
    const r = reader(buf);
    const count = r.uv();
    const keys = [], entries = new Map(), forms = new Map();
    // Keys share a prefix with the one before. Most are ASCII, where a
    // byte is a character and no decoder is needed.
    let prev = new Uint8Array(0), prevKey = "", ascii = true;
    for (let k = 0; k < count; k++) {
      const shared = r.uv(), rest = r.take(r.uv());
      const kb = new Uint8Array(shared + rest.length);
      kb.set(prev.subarray(0, shared)); kb.set(rest, shared);
      prev = kb;
      let key;
      if (ascii && rest.every((b) => b < 128)) key = prevKey.slice(0, shared) + String.fromCharCode(...rest);
      else { key = dec.decode(kb); ascii = kb.every((b) => b < 128); }
      prevKey = key;
      const flags = r.uv(), e = { key, shard: n };
      if (flags & 4) e.alias = dec.decode(r.take(r.uv()));
      if (flags & 1) {
        e.df = r.uv();
        if (flags & 2) e.own = r.uv(); else e.post = r.take(r.uv());
        if (flags & 8) {
          e.hasPos = true;
          if (!(flags & 2)) { e.posOff = r.uv(); e.posLen = r.uv(); }
        }
      }
      keys.push(key);
      entries.set(key, e);
      const stem = e.alias || key;
      if (!forms.has(stem)) forms.set(stem, []);
      forms.get(stem).push(key);
    }
    return { keys, entries, forms };
  }

  async function entry(key) {
    const s = await shard(shardOf(enc.encode(key)));
    return s.entries.get(key);
  }

  // term finds the postings entry of a word as written: its own, or its
  // stem's.
  async function term(word) {
    let e = await entry(word);
    if (e && e.alias) e = await entry(e.alias);
    return e && e.df ? e : null;
  }

  // prefixTerms lists the stems of the words that start with p, most
  // used first, the word itself leading when it is one.
  async function prefixTerms(p) {
    const pb = enc.encode(p);
    let n = shardOf(pb);
    const stems = new Set();
    for (let hops = 0; n < index.firsts.length && hops < 3; n++, hops++) {
      if (hops > 0 && !index.m.shards[n].startsWith(p)) break;
      const s = await shard(n);
      for (const key of s.keys) {
        if (key.startsWith(p)) stems.add(s.entries.get(key).alias || key);
      }
    }
    // A stem's entry is looked up in the shards already read: a short
    // prefix stands for many words, and fetching a shard for each would
    // cost more than the words are worth. Most stems sort beside their
    // words, in the same shard.
    const read = new Map();
    for (const [k, pr] of index.shards) read.set(k, await pr.catch(() => null));
    const found = [];
    for (const stem of stems) {
      const s = read.get(shardOf(enc.encode(stem)));
      const e = s && s.entries.get(stem);
      if (e && e.df) found.push(e);
    }
    const exact = await term(p);
    if (exact && !found.includes(exact)) found.push(exact);
    found.sort((a, b) => (exact && b.key === exact.key) - (exact && a.key === exact.key) || b.df - a.df);
    return found.slice(0, EXPAND);
  }

  async function postings(e) {
    if (!e.ids) {
      decode(e, e.post || (await file(`p/${e.own}.bin`, "bytes")));
    }
    return e;
  }

  // decode reads postings: the hottest loop of a common word, with the
  // uvarint read inline.
  function decode(e, buf) {
    const ids = new Uint32Array(e.df), imp = new Uint8Array(e.df);
    for (let k = 0, i = 0, id = 0; k < e.df; k++) {
      let c = buf[i++], d = c & 127;
      for (let s = 7; c & 128; s += 7) { c = buf[i++]; d += (c & 127) * 2 ** s; }
      id = k ? id + d : d;
      ids[k] = id;
      imp[k] = buf[i++];
    }
    e.ids = ids; e.imp = imp;
  }

  // positions returns a function from doc id to the term's positions in it.
  async function positions(e) {
    const buf = e.own !== undefined ? await file(`p/${e.own}.pos`, "bytes")
      : (await file(`t/${e.shard}.pos`, "bytes")).subarray(e.posOff, e.posOff + e.posLen);
    const r = reader(buf), byDoc = new Map();
    for (let k = 0; k < e.df; k++) {
      const n = r.uv(), ps = new Array(n);
      let p = 0;
      for (let j = 0; j < n; j++) { p += r.uv(); ps[j] = p; }
      byDoc.set(e.ids[k], new Set(ps));
    }
    return (id) => byDoc.get(id) || new Set();
  }

  const idf = (df) => Math.log(1 + (index.m.docs - df + 0.5) / (df + 0.5));
  // weights maps each impact byte to its weight for a term of this idf.
  const weights = (idf) => {
    const w = new Float32Array(256);
    for (let b = 0; b < 256; b++) w[b] = idf * ((b >> 1) / STEPS) * (K1 + 1) * (b & 1 ? 1 + TITLE : 1);
    return w;
  };

  // parse reads a query: quoted phrases, words, and the last word as a
  // prefix while it is being typed.
  function parse(q) {
    const clauses = [];
    const parts = q.split('"');
    parts.forEach((part, i) => {
      const words = wordsOf(part);
      if (i % 2 === 1 && words.length > 1) clauses.push({ phrase: words });
      else for (const w of words) clauses.push({ word: w });
    });
    const last = clauses[clauses.length - 1];
    if (last && last.word && parts.length % 2 === 1 && /[\p{L}\p{N}\p{M}]$/u.test(q)) last.prefix = true;
    return clauses.filter((c) => !(c.word && index.stop.has(c.word) && !c.prefix));
  }

  // score adds a clause's weight in each doc it matches into acc, one
  // number per doc: typed arrays over every doc, not maps, since a common
  // word matches most of them.
  async function score(c, marks) {
    const acc = new Float32Array(index.m.docs);
    if (c.phrase) return phrase(c, marks, acc);
    const es = c.prefix && c.word.length > 1 ? await prefixTerms(c.word) : [await term(c.word)].filter(Boolean);
    if (c.prefix) marks.prefixes.push(c.word);
    for (const e of es) {
      await postings(e);
      marks.stems.add(e.key);
      keepMax(acc, e.ids, e.imp, weights(idf(e.df) * (e.key === c.word || !c.prefix ? 1 : 0.8)));
    }
    return acc;
  }

  // keepMax puts each doc's weight in acc, unless it holds more.
  function keepMax(acc, ids, imp, w) {
    for (let k = 0; k < ids.length; k++) {
      const v = w[imp[k]];
      if (v > acc[ids[k]]) acc[ids[k]] = v;
    }
  }

  async function phrase(c, marks, acc) {
    const terms = [];
    for (let at = 0; at < c.phrase.length; at++) {
      const w = c.phrase[at];
      if (index.stop.has(w)) continue;
      const e = await term(w);
      if (!e) return acc;
      await postings(e);
      marks.stems.add(e.key);
      terms.push({ e, at });
    }
    if (!terms.length) return acc;
    const hits = new Uint8Array(index.m.docs);
    for (const { e } of terms) {
      const w = weights(idf(e.df)), { ids, imp } = e;
      for (let k = 0; k < ids.length; k++) { acc[ids[k]] += w[imp[k]]; hits[ids[k]]++; }
    }
    for (let id = 0; id < acc.length; id++) if (hits[id] < terms.length) acc[id] = 0;
    // Words of more than posMaxDF docs keep no positions: they match
    // anywhere, and the others must stand at their distances.
    const placed = [];
    for (const t of terms) if (t.e.hasPos) placed.push({ at: t.at, of: await positions(t.e) });
    if (placed.length < 2) return acc;
    const [first, ...rest] = placed;
    for (let id = 0; id < acc.length; id++) {
      if (!acc[id]) continue;
      let ok = false;
      for (const p of first.of(id)) {
        if (rest.every((t) => t.of(id).has(p + t.at - first.at))) { ok = true; break; }
      }
      if (!ok) acc[id] = 0;
    }
    return acc;
  }

  // range is the doc ids [lo, hi) of the chosen months.
  function range() {
    const ms = index.m.months;
    let lo = 0, hi = index.m.docs;
    const at = (v) => ms.findIndex((m) => m.month === v);
    let to = at(toSel.value), from = at(fromSel.value);
    if (to >= 0 && from >= 0 && to > from) [to, from] = [from, to];
    if (to >= 0) lo = ms[to].first;
    if (from >= 0 && from + 1 < ms.length) hi = ms[from + 1].first;
    return [lo, hi];
  }

  async function search(q, shown) {
    const clauses = parse(q);
    const marks = { stems: new Set(), prefixes: [] };
    if (!clauses.length) return { total: 0, top: [], marks, empty: wordsOf(q).length > 0 };
    const n = index.m.docs;
    let sum = null;
    for (const c of clauses) {
      const acc = await score(c, marks);
      if (!sum) sum = acc;
      else for (let id = 0; id < n; id++) sum[id] = acc[id] && sum[id] ? sum[id] + acc[id] : 0;
    }
    let allowed = null;
    if (topicSel.value) {
      allowed = new Uint8Array(n);
      const e = await entry("#" + topicSel.value);
      if (e && e.df) for (const id of (await postings(e)).ids) allowed[id] = 1;
    }
    const [lo, hi] = range();
    const { total, top } = best(sum, lo, hi, allowed, shown);
    return { total, top, marks };
  }

  // best returns how many docs in [lo, hi) have a score (and are allowed,
  // when allowed is not null) and the best `shown` of them, kept sorted
  // in small arrays rather than sorting every match. Docs are newest
  // first, and each month's recency boost is one number: 1 + RECENCY,
  // halved every twelve months back. Hot loops live in plain functions,
  // which the engine compiles sooner than an async one.
  function best(sum, lo, hi, allowed, shown) {
    const ms = index.m.months, n = sum.length;
    const ts = new Float64Array(shown + 1), ti = new Int32Array(shown + 1);
    let total = 0, len = 0;
    for (let m = 0; m < ms.length; m++) {
      const boost = 1 + RECENCY * 0.5 ** (m / 12);
      const end = Math.min(hi, m + 1 < ms.length ? ms[m + 1].first : n);
      for (let id = Math.max(lo, ms[m].first); id < end; id++) {
        const v = sum[id];
        if (v === 0 || (allowed !== null && allowed[id] === 0)) continue;
        total++;
        const s = v * boost;
        if (len === shown && s <= ts[len - 1]) continue;
        let i = len < shown ? len++ : len - 1;
        while (i > 0 && ts[i - 1] < s) { ts[i] = ts[i - 1]; ti[i] = ti[i - 1]; i--; }
        ts[i] = s; ti[i] = id;
      }
    }
    const top = [];
    for (let i = 0; i < len; i++) top.push({ id: ti[i], s: ts[i] });
    return { total, top };
  }

  async function records(ids) {
    const size = index.m.chunk, out = new Map();
    await Promise.all([...new Set(ids.map((id) => Math.floor(id / size)))].map(async (n) => {
      const recs = await file(`r/${n}.json`, "json");
      recs.forEach((r, i) => out.set(n * size + i, r));
    }));
    return ids.map((id) => out.get(id));
  }

  // highlight writes text into el, marking the words the query matched.
  function highlight(el, text, marks) {
    let at = 0;
    for (const m of text.matchAll(WORD)) {
      const w = fold(m[0]);
      if (!marked(w, marks)) continue;
      el.append(text.slice(at, m.index));
      const mark = document.createElement("mark");
      mark.textContent = m[0];
      el.append(mark);
      at = m.index + m[0].length;
    }
    el.append(text.slice(at));
  }

  function marked(w, marks) {
    return marks.forms.has(w) || marks.prefixes.some((p) => w.startsWith(p));
  }

  // forms lists the words as written that the matched stems stand for,
  // from the shards already read.
  async function forms(marks) {
    marks.forms = new Set(marks.stems);
    for (const p of index.shards.values()) {
      const s = await p.catch(() => null);
      if (!s) continue;
      for (const stem of marks.stems) for (const f of s.forms.get(stem) || []) marks.forms.add(f);
    }
  }

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  const longDate = (d) => `${+d.slice(8, 10)} ${MONTHS[d.slice(5, 7) - 1]} ${d.slice(0, 4)}`;
  const monthName = (m) => `${MONTHS[m.slice(5, 7) - 1]} ${m.slice(0, 4)}`;
  const count = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function render(res, recs, q) {
    list.replaceChildren();
    const byStory = new Map();
    recs.forEach((r) => {
      if (r.g && byStory.has(r.g)) {
        const also = byStory.get(r.g);
        const li = el("li");
        const a = el("a"); a.href = r.u; highlight(a, r.t, res.marks);
        li.append(a, ` — ${[r.s, r.d].filter(Boolean).join(", ")}`);
        also.append(li);
        return;
      }
      const li = el("li", "search-result");
      const h = el("h2"), a = el("a");
      a.href = r.u; highlight(a, r.t, res.marks); h.append(a);
      const meta = el("p", "meta");
      const time = el("time", "", longDate(r.d));
      time.dateTime = r.d;
      meta.append(time, ` · ${r.p}`, r.s ? ` · ${r.s}` : "");
      li.append(h, meta);
      if (r.e) { const p = el("p", "excerpt"); highlight(p, r.e, res.marks); li.append(p); }
      if (r.g) {
        const p = el("p", "story-link"), sa = el("a", "", `All ${r.n} reports of this story`);
        sa.href = r.g; p.append(sa);
        const also = el("ul", "also");
        also.setAttribute("aria-label", "Other reports of this story");
        li.append(p, also);
        byStory.set(r.g, also);
      }
      list.append(li);
    });
    for (const ul of list.querySelectorAll("ul.also")) if (!ul.children.length) ul.remove();
    const n = res.total;
    status.textContent = n === 0 ? `No results for “${q}”.`
      : `${count(n)} ${n === 1 ? "result" : "results"} for “${q}”${n > recs.length ? `, the best ${recs.length} shown` : ""}.`;
    more.hidden = n <= recs.length;
  }

  let run = 0, shown = PAGE;
  async function update(keepShown) {
    const q = input.value.trim(), mine = ++run;
    if (!keepShown) shown = PAGE;
    syncURL(q);
    root.dataset.state = "busy";
    const t0 = performance.now();
    waited = 0;
    try {
      index = index || (await open());
      // The month lists wait until the results are shown, unless the
      // address picks months.
      if (params.has("from") || params.has("to")) fillMonths();
      if (!q) {
        fillMonths();
        list.replaceChildren(); status.textContent = ""; more.hidden = true;
        root.dataset.state = "idle";
        return;
      }
      let res;
      try {
        res = await search(q, shown);
      } catch (err) {
        // A new build may have replaced the index under this page: read
        // the manifest again once.
        index = await open();
        res = await search(q, shown);
      }
      const t1 = performance.now(), w1 = waited;
      const recs = await records(res.top.map((t) => t.id));
      const t2 = performance.now(), w2 = waited;
      await forms(res.marks);
      const t3 = performance.now();
      if (mine !== run) return;
      if (res.empty) {
        list.replaceChildren(); more.hidden = true;
        status.textContent = `“${q}” holds only words too common to search for.`;
      } else render(res, recs, q);
      fillMonths();
      root.dataset.state = "done";
      root.dataset.query = q;
      root.dataset.computeMs = (performance.now() - t0 - waited).toFixed(1);
      root.dataset.totalMs = (performance.now() - t0).toFixed(1);
      root.dataset.phases = [t1 - t0 - w1, t2 - t1 - (w2 - w1), t3 - t2, performance.now() - t3].map((x) => x.toFixed(1)).join(" ");
    } catch (err) {
      if (mine !== run) return;
      status.textContent = `Search failed: ${err.message}`;
      root.dataset.state = "error";
    }
  }

  function syncURL(q) {
    const u = new URL(location.href);
    for (const [k, v] of [["q", q], ["topic", topicSel.value], ["from", fromSel.value], ["to", toSel.value]]) {
      if (v) u.searchParams.set(k, v); else u.searchParams.delete(k);
    }
    history.replaceState(null, "", u);
  }

  let filled = false;
  function fillMonths() {
    if (filled) return;
    filled = true;
    for (const sel of [fromSel, toSel]) {
      for (const m of index.m.months) sel.append(new Option(monthName(m.month), m.month));
      sel.value = params.get(sel.name) || "";
    }
  }

  let timer = 0;
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(update, 120); });
  for (const s of [topicSel, fromSel, toSel]) s.addEventListener("change", () => update());
  form.addEventListener("submit", (ev) => { ev.preventDefault(); clearTimeout(timer); update(); });
  more.addEventListener("click", () => { shown += PAGE; update(true); });

  // Arrow keys move between the field and the results' links; Escape
  // goes back to the field.
  root.addEventListener("keydown", (ev) => {
    const links = [...list.querySelectorAll("h2 a")];
    const i = links.indexOf(document.activeElement);
    if (ev.key === "ArrowDown" && (document.activeElement === input || i >= 0)) {
      const next = links[i + 1];
      if (next) { next.focus(); ev.preventDefault(); }
    } else if (ev.key === "ArrowUp" && i >= 0) {
      (i > 0 ? links[i - 1] : input).focus();
      ev.preventDefault();
    } else if (ev.key === "Escape" && i >= 0) {
      input.focus();
    }
  });

  input.value = params.get("q") || "";
  if (params.get("topic")) topicSel.value = params.get("topic");
  update();
})();
